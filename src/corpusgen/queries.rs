//! A reproducible query set drawn from a collection's own text, in the peers' `QUERIES.txt`
//! format (`or:` / `and:` / `phrase:` prefixes) with a `.meta.tsv` beside it, and its
//! translation into sabiqa's query syntax.
//!
//! | class | peers' mode | drawn as (after `make_queries.py`) | sabiqa runs it as |
//! |---|---|---|---|
//! | `term_common` | `or` | one of the 50 most frequent content words | `word` |
//! | `term_rare` | `or` | one of the 200 least frequent words of ≥ 4 letters | `word` |
//! | `or2` | `or` | two content words of one paragraph | `w1 w2` |
//! | `and2` | `and` | two content words of one paragraph | `+w1 +w2` |
//! | `phrase2`, `phrase4` | `phrase` | 2 / 4 adjacent words of a paragraph | `"w1 w2"` (exact view) |
//! | `known_item` | `or` | the first 60 words of a paragraph that occurs once | 60 OR-ed words |
//! | `symbol` | `phrase` | a document symbol cited in the text (`A/76/L.11`, `71/167`) | `"A/76/L.11"` |
//! | `boolean` | — (sabiqa only, in `<file>.boolean.txt`) | `w1 AND (w2 OR w3) AND NOT w4` | as written |
//!
//! Words are whitespace tokens with surrounding punctuation stripped and no normalisation, so
//! each engine's own analysis decides what matches. Function words are skipped for single terms
//! and pairs: a query of stopwords tests only the stopword list. Only the first
//! [`SAMPLE_ROWS`] paragraphs are drawn from.

use super::rng::SplitMix64;
use super::Row;
use crate::{Error, Lang, Result};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Paragraphs the queries are drawn from (the peers' default).
pub const SAMPLE_ROWS: usize = 50_000;
/// Queries per class (the peers' default).
pub const PER_CLASS: usize = 20;
/// The query classes, in the order they are written.
pub const CLASSES: [&str; 9] = [
    "term_common",
    "term_rare",
    "or2",
    "and2",
    "phrase2",
    "phrase4",
    "known_item",
    "symbol",
    "boolean",
];

/// Function words (the list of the peers' `make_queries.py`).
const STOP: &str = "من ومن منها منه في وفي فيها فيه ثم او أو بها به اى اي أي أى لا ولا الا ألا إلا لكن ما وما كما فما عن مع \
اذا إذا ان أن إن انها أنها إنها انه أنه إنه بان بأن فان فأن وان وأن وإن التى التي الذى الذي الذين الى الي \
إلى إلي على عليها عليه اما أما إما ايضا أيضا أيضاً كل وكل لم ولم لن ولن هى هي هو وهى وهي وهو فهى فهي فهو \
انت أنت لك لها له هذه هذا تلك ذلك هناك كانت كان يكون تكون وكانت وكان غير بعض قد نحو بين بينما منذ ضمن \
حيث الان الآن خلال بعد قبل حتى عند عندما لدى جميع وقد وهذا وهذه وذلك والتي والذي وعلى وإلى أجل مثل بما \
the of and to in a is for on that by with as be are this from or at an it which was were not have has been \
all any these those such into will shall there their they them then than but if its no so also may other";

/// How a query combines its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Any word (BM25 disjunction).
    Or,
    /// All words.
    And,
    /// The words adjacent, in order.
    Phrase,
    /// A query in sabiqa's own syntax (no peer runs it).
    Sabiqa,
}

impl Mode {
    /// The prefix of the peers' format (`sabiqa` for sabiqa-only queries).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Or => "or",
            Mode::And => "and",
            Mode::Phrase => "phrase",
            Mode::Sabiqa => "sabiqa",
        }
    }
}

/// One query of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchQuery {
    /// Its class (one of [`CLASSES`]).
    pub class: String,
    /// How its words combine.
    pub mode: Mode,
    /// The words (for [`Mode::Sabiqa`], the whole query).
    pub text: String,
    /// The paragraph id it was drawn from, when there is one.
    pub source: String,
}

impl BenchQuery {
    /// The query in sabiqa's syntax (module docs): words with punctuation are quoted, since
    /// the syntax would otherwise read `/`, `:` or `(` as operators.
    pub fn to_sabiqa(&self) -> String {
        let words = || self.text.split_whitespace().map(word_for_sabiqa);
        match self.mode {
            Mode::Or => words().collect::<Vec<_>>().join(" "),
            Mode::And => words()
                .map(|w| format!("+{w}"))
                .collect::<Vec<_>>()
                .join(" "),
            Mode::Phrase => format!("\"{}\"", self.text.replace('"', " ")),
            Mode::Sabiqa => self.text.clone(),
        }
    }
}

fn word_for_sabiqa(word: &str) -> String {
    let plain = word.chars().all(char::is_alphanumeric)
        && !matches!(word, "AND" | "OR" | "NOT" | "TO" | "IN");
    if plain {
        word.to_string()
    } else {
        format!("\"{}\"", word.replace('"', " "))
    }
}

/// Whitespace tokens with the punctuation around them stripped (`8.5.1` and `71/167` stay).
pub fn tokens(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(is_edge_punctuation))
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_edge_punctuation(c: char) -> bool {
    (c.is_ascii_punctuation())
        || matches!(
            c,
            '،' | '؛' | '؟' | '«' | '»' | '…' | '“' | '”' | '‘' | '’' | '–' | '—'
        )
}

fn is_content(word: &str, stop: &HashSet<String>) -> bool {
    word.chars().count() >= 3
        && word.chars().any(char::is_alphabetic)
        && !stop.contains(&word.to_lowercase())
}

/// A cited symbol: parts separated by `/`, at least one with a digit, starting with a capital
/// or a digit (`A/76/L.11`, `CTOC/COP/2018/1`, `71/167`).
fn is_symbol(word: &str) -> bool {
    let parts: Vec<&str> = word.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|p| !p.is_empty())
        && word.chars().any(|c| c.is_ascii_digit())
        && word
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-'))
}

/// Draws `per_class` queries of every class from `rows` (the first [`SAMPLE_ROWS`]).
pub fn draw(rows: &[Row], per_class: usize, seed: u64) -> Result<Vec<BenchQuery>> {
    let stop: HashSet<String> = STOP.split_whitespace().map(str::to_string).collect();
    let paras: Vec<(&str, Vec<&str>)> = rows
        .iter()
        .take(SAMPLE_ROWS)
        .map(|r| (r.id.as_str(), tokens(&r.text)))
        .collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for (_, ws) in &paras {
        let distinct: HashSet<&str> = ws.iter().copied().collect();
        for w in distinct {
            *df.entry(w).or_default() += 1;
        }
    }
    let mut by_count: Vec<(&str, usize)> = df.iter().map(|(w, c)| (*w, *c)).collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let common: Vec<&str> = by_count
        .iter()
        .filter(|(w, _)| is_content(w, &stop))
        .map(|(w, _)| *w)
        .take(50)
        .collect();
    let mut rare: Vec<(&str, usize)> = by_count
        .iter()
        .filter(|(w, _)| {
            w.chars().count() >= 4 && is_content(w, &stop) && w.chars().all(char::is_alphabetic)
        })
        .copied()
        .collect();
    rare.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
    rare.truncate(200);
    let mut symbols: Vec<(&str, &str)> = Vec::new();
    let mut seen_symbols = HashSet::new();
    for (id, ws) in &paras {
        for w in ws {
            if is_symbol(w) && seen_symbols.insert(*w) {
                symbols.push((w, id));
            }
        }
    }
    let usable: Vec<&(&str, Vec<&str>)> = paras
        .iter()
        .filter(|(_, ws)| ws.iter().filter(|w| is_content(w, &stop)).count() >= 4)
        .collect();
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    for (_, ws) in &paras {
        *occurrences.entry(ws.join(" ")).or_default() += 1;
    }
    let long: Vec<&(&str, Vec<&str>)> = paras
        .iter()
        .filter(|(_, ws)| ws.len() >= 15 && occurrences.get(&ws.join(" ")) == Some(&1))
        .collect();
    if usable.is_empty() || common.is_empty() {
        return Err(Error::Other(
            "the collection is too small to draw queries from".into(),
        ));
    }

    let mut rng = SplitMix64::new(seed);
    let mut out = Vec::new();
    let mut push = |class: &str, mode: Mode, text: String, source: &str| {
        out.push(BenchQuery {
            class: class.to_string(),
            mode,
            text,
            source: source.to_string(),
        })
    };
    for _ in 0..per_class {
        if let Some(w) = rng.pick(&common) {
            push("term_common", Mode::Or, w.to_string(), "");
        }
    }
    for _ in 0..per_class {
        if let Some((w, _)) = rng.pick(&rare) {
            push("term_rare", Mode::Or, w.to_string(), "");
        }
    }
    for (class, mode) in [("or2", Mode::Or), ("and2", Mode::And)] {
        for _ in 0..per_class {
            if let Some((id, ws)) = rng.pick(&usable).copied() {
                let content: Vec<&str> = ws
                    .iter()
                    .copied()
                    .filter(|w| is_content(w, &stop))
                    .collect();
                let i = rng.below(content.len());
                let j = (i + 1 + rng.below(content.len() - 1)) % content.len();
                push(class, mode, format!("{} {}", content[i], content[j]), id);
            }
        }
    }
    for (class, k) in [("phrase2", 2usize), ("phrase4", 4)] {
        let wanted_content = if k == 2 { 1 } else { 2 };
        for _ in 0..per_class {
            let mut chosen: Option<(&str, Vec<&str>)> = None;
            for _attempt in 0..50 {
                let Some((id, ws)) = rng.pick(&usable).copied() else {
                    break;
                };
                let j = rng.below((ws.len() + 1).saturating_sub(k).max(1));
                let span: Vec<&str> = ws.iter().skip(j).take(k).copied().collect();
                let ok = span.len() == k
                    && span.iter().filter(|w| is_content(w, &stop)).count() >= wanted_content;
                chosen = Some((id, span));
                if ok {
                    break;
                }
            }
            if let Some((id, span)) = chosen {
                push(class, Mode::Phrase, span.join(" "), id);
            }
        }
    }
    for _ in 0..per_class {
        if let Some((id, ws)) = rng.pick(&long).copied() {
            let first: Vec<&str> = ws.iter().take(60).copied().collect();
            push("known_item", Mode::Or, first.join(" "), id);
        }
    }
    for _ in 0..per_class {
        if let Some((symbol, id)) = rng.pick(&symbols).copied() {
            push("symbol", Mode::Phrase, symbol.to_string(), id);
        }
    }
    for _ in 0..per_class {
        let Some((id, ws)) = rng.pick(&usable).copied() else {
            continue;
        };
        // The other words in the paragraph's language: a query is typed in one language.
        let lang = Lang::detect(&ws.join(" "));
        let same_lang: Vec<&str> = common
            .iter()
            .copied()
            .filter(|w| Lang::detect(w) == lang && w.chars().all(char::is_alphanumeric))
            .collect();
        let Some(other) = rng.pick(&same_lang).copied() else {
            continue;
        };
        let content: Vec<&str> = ws
            .iter()
            .copied()
            .filter(|w| is_content(w, &stop) && w.chars().all(char::is_alphanumeric))
            .collect();
        let present: HashSet<&str> = ws.iter().copied().collect();
        let excluded = same_lang
            .iter()
            .copied()
            .filter(|w| !present.contains(w) && *w != other)
            .nth(rng.below(10));
        if content.len() < 2 {
            continue;
        }
        let i = rng.below(content.len());
        let j = (i + 1 + rng.below(content.len() - 1)) % content.len();
        let mut text = format!("{} AND ({} OR {other})", content[i], content[j]);
        if let Some(excluded) = excluded {
            let _ = write!(text, " AND NOT {excluded}");
        }
        push("boolean", Mode::Sabiqa, text, id);
    }
    Ok(out)
}

/// Where the sabiqa-only queries of a query file are kept.
pub fn boolean_path(path: &Path) -> PathBuf {
    with_suffix(path, ".boolean.txt")
}

/// Where the classes of a query file are listed.
pub fn meta_path(path: &Path) -> PathBuf {
    with_suffix(path, ".meta.tsv")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Writes the peers' `QUERIES.txt` (every query a peer can run), its `.meta.tsv`
/// (`query_no, class, mode, source_id`) and `.boolean.txt` (sabiqa-only queries).
pub fn write(path: &Path, queries: &[BenchQuery]) -> Result<()> {
    let (mut lines, mut meta, mut boolean) = (
        String::new(),
        String::from("query_no\tclass\tmode\tsource_id\n"),
        String::new(),
    );
    let mut n = 0;
    for q in queries {
        if q.mode == Mode::Sabiqa {
            let _ = writeln!(boolean, "{}\t{}\t{}", q.class, q.source, q.text);
            continue;
        }
        n += 1;
        let _ = writeln!(lines, "{}: {}", q.mode.name(), q.text);
        let _ = writeln!(meta, "{n}\t{}\t{}\t{}", q.class, q.mode.name(), q.source);
    }
    for (p, content) in [
        (path.to_path_buf(), lines),
        (meta_path(path), meta),
        (boolean_path(path), boolean),
    ] {
        std::fs::write(&p, content).map_err(|source| Error::Io { path: p, source })?;
    }
    Ok(())
}

/// Reads a query set written by [`write()`] (the `.meta.tsv` and `.boolean.txt` when present;
/// without a `.meta.tsv` each query's class is its mode).
pub fn read(path: &Path) -> Result<Vec<BenchQuery>> {
    let read = |p: &Path| -> Result<Option<String>> {
        match std::fs::read_to_string(p) {
            Ok(s) => Ok(Some(s)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(Error::Io {
                path: p.to_path_buf(),
                source,
            }),
        }
    };
    let Some(lines) = read(path)? else {
        return Err(Error::Other(format!("no query file at {}", path.display())));
    };
    let meta = read(&meta_path(path))?.unwrap_or_default();
    let classes: HashMap<usize, (String, String)> = meta
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let n = cols.first()?.parse().ok()?;
            Some((
                n,
                (
                    cols.get(1)?.to_string(),
                    cols.get(3).unwrap_or(&"").to_string(),
                ),
            ))
        })
        .collect();
    let mut out = Vec::new();
    for (i, line) in lines.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let (mode, text) = match line.split_once(':') {
            Some(("or", t)) => (Mode::Or, t),
            Some(("and", t)) => (Mode::And, t),
            Some(("phrase", t)) => (Mode::Phrase, t),
            _ => (Mode::Or, line),
        };
        let (class, source) = classes
            .get(&(i + 1))
            .cloned()
            .unwrap_or_else(|| (mode.name().to_string(), String::new()));
        out.push(BenchQuery {
            class,
            mode,
            text: text.trim().to_string(),
            source,
        });
    }
    for line in read(&boolean_path(path))?.unwrap_or_default().lines() {
        let mut cols = line.splitn(3, '\t');
        if let (Some(class), Some(source), Some(text)) = (cols.next(), cols.next(), cols.next()) {
            out.push(BenchQuery {
                class: class.to_string(),
                mode: Mode::Sabiqa,
                text: text.to_string(),
                source: source.to_string(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(mode: Mode, text: &str) -> BenchQuery {
        BenchQuery {
            class: "c".into(),
            mode,
            text: text.into(),
            source: String::new(),
        }
    }

    #[test]
    fn peer_modes_translate_to_sabiqa_syntax() {
        assert_eq!(q(Mode::Or, "الاتجار بالأشخاص").to_sabiqa(), "الاتجار بالأشخاص");
        assert_eq!(
            q(Mode::And, "trafficking 71/167").to_sabiqa(),
            "+trafficking +\"71/167\""
        );
        assert_eq!(q(Mode::Phrase, "منع وقمع").to_sabiqa(), "\"منع وقمع\"");
        assert_eq!(q(Mode::Or, "OR persons").to_sabiqa(), "\"OR\" persons");
    }

    #[test]
    fn symbols_are_recognised_and_words_are_not() {
        for s in ["A/76/L.11", "CTOC/COP/2018/1", "71/167", "A/RES/70/1"] {
            assert!(is_symbol(s), "{s}");
        }
        for s in ["و/أو", "and/or", "2018", "/"] {
            assert!(!is_symbol(s), "{s}");
        }
    }

    #[test]
    fn tokens_lose_edge_punctuation_only() {
        assert_eq!(
            tokens("(الاتجار)، 8.5.1. «71/167»"),
            vec!["الاتجار", "8.5.1", "71/167"]
        );
    }
}
