//! The real text the generator recombines: paragraphs, sentences, headings, footnotes and
//! aligned English–Arabic paragraph pairs of the sample corpus, read through the real ingest
//! and segmentation so every piece is a clean unit.
//!
//! | pool | taken from | why |
//! |---|---|---|
//! | paragraphs (per language) | numbered paragraphs and unnumbered text of ≥ 6 words, label removed | the real paragraph-length distribution |
//! | sentences (per language) | the paragraphs, split after `. ! ? ؟ ؛` | recombined paragraphs: real words, new combinations |
//! | headings (per language) | heading units, else short text without final punctuation | section titles as printed |
//! | footnotes (per language) | footnote units, else single sentences | footnote bodies |
//! | pairs | 1–1 groups of [`crate::align::align`] over paired versions | bilingual documents whose versions really correspond |
//! | symbols | document symbols the ingest found | realistic symbol families (`A/69`, `S/2015`) |

use crate::align;
use crate::ingest;
use crate::{Document, Error, Lang, Result, Unit, UnitKind};
use std::path::{Path, PathBuf};

/// Sub-folders of the corpus that are read, in this order.
pub const SOURCE_DIRS: [&str; 3] = ["ar", "bilingual", "unpc/dev"];

/// Fewest words for a text to count as a body paragraph.
const MIN_PARAGRAPH_WORDS: usize = 6;
/// Most words of a heading.
const MAX_HEADING_WORDS: usize = 14;

/// The pools of one language.
#[derive(Debug, Default, Clone)]
pub struct LangPool {
    /// Body paragraphs, whitespace collapsed, numbering removed.
    pub paragraphs: Vec<String>,
    /// Sentence count of each paragraph (the shape recombined paragraphs copy).
    pub shapes: Vec<usize>,
    /// Sentences of the paragraphs.
    pub sentences: Vec<String>,
    /// Headings.
    pub headings: Vec<String>,
    /// Footnote bodies.
    pub footnotes: Vec<String>,
}

/// An English paragraph and the Arabic paragraph that renders it.
#[derive(Debug, Clone)]
pub struct AlignedPair {
    /// English text.
    pub en: String,
    /// Arabic text.
    pub ar: String,
}

/// Everything the generator draws from.
#[derive(Debug, Default, Clone)]
pub struct Source {
    /// Arabic pools.
    pub ar: LangPool,
    /// English pools.
    pub en: LangPool,
    /// Aligned 1–1 paragraph pairs, in corpus order.
    pub pairs: Vec<AlignedPair>,
    /// Short aligned pairs (headings-like), for bilingual section titles.
    pub short_pairs: Vec<AlignedPair>,
    /// Symbol families (a real symbol without its last component), sorted, distinct.
    pub symbol_families: Vec<String>,
    /// Source files read.
    pub files: usize,
}

impl Source {
    /// The pools of `lang`.
    pub fn pool(&self, lang: Lang) -> &LangPool {
        match lang {
            Lang::Ar => &self.ar,
            Lang::En => &self.en,
        }
    }

    fn pool_mut(&mut self, lang: Lang) -> &mut LangPool {
        match lang {
            Lang::Ar => &mut self.ar,
            Lang::En => &mut self.en,
        }
    }
}

/// Reads the corpus at `corpus` (the folder holding `ar/`, `bilingual/`, `unpc/dev/`; absent
/// sub-folders are skipped). Fails when no Arabic paragraph is found.
pub fn load(corpus: &Path) -> Result<Source> {
    let dirs: Vec<PathBuf> = SOURCE_DIRS
        .iter()
        .map(|d| corpus.join(d))
        .filter(|d| d.is_dir())
        .collect();
    if dirs.is_empty() {
        return Err(Error::Other(format!(
            "no corpus at {} (expected the folders {})",
            corpus.display(),
            SOURCE_DIRS.join(", ")
        )));
    }
    let mut docs = Vec::new();
    for dir in &dirs {
        let (mut files, _unreadable) = ingest::discover(std::slice::from_ref(dir));
        files.retain(|f| f.extension().is_some_and(|e| e == "txt"));
        files.sort();
        let manifest = ingest::manifests_for(std::slice::from_ref(dir))?;
        for file in &files {
            // A file the ingest refuses is not material: the generator uses what it can read.
            if let Ok(doc) = ingest::load_document(file, &manifest) {
                docs.push(doc);
            }
        }
    }
    let mut source = Source {
        files: docs.len(),
        ..Source::default()
    };
    for doc in &docs {
        add_document(&mut source, doc);
    }
    for lang in [Lang::Ar, Lang::En] {
        let pool = source.pool_mut(lang);
        if pool.footnotes.is_empty() {
            // No footnote units (yet): single real sentences stand in for footnote bodies.
            pool.footnotes = pool
                .sentences
                .iter()
                .filter(|s| (5..=40).contains(&s.split_whitespace().count()))
                .cloned()
                .collect();
        }
    }
    for pair in align::pair_versions(&docs) {
        if let (Some(en), Some(ar)) = (pair.en, pair.ar) {
            add_pairs(&mut source, &docs[en].units, &docs[ar].units);
        }
    }
    let mut families: Vec<String> = docs
        .iter()
        .filter_map(|d| d.meta.symbol.as_deref())
        .filter_map(symbol_family)
        .collect();
    families.sort();
    families.dedup();
    source.symbol_families = families;
    if source.ar.paragraphs.is_empty() {
        return Err(Error::Other(format!(
            "no Arabic paragraph found under {}",
            corpus.display()
        )));
    }
    Ok(source)
}

/// `A/69/102/Add.2` → `A/69/102`; `A/RES/76/7` → `A/RES/76`; `None` for a one-part symbol.
fn symbol_family(symbol: &str) -> Option<String> {
    let (family, _last) = symbol.rsplit_once('/')?;
    (!family.is_empty()).then(|| family.to_string())
}

fn add_document(source: &mut Source, doc: &Document) {
    for unit in &doc.units {
        let text = clean(unit);
        let words = text.split_whitespace().count();
        // A piece in the other script (a Latin date in an Arabic header) is not this
        // language's text.
        if words == 0 || Lang::detect(&text) != Some(unit.lang) {
            continue;
        }
        let pool = source.pool_mut(unit.lang);
        match unit.kind {
            UnitKind::Heading => pool.headings.push(text),
            UnitKind::Footnote => pool.footnotes.push(text),
            _ if words >= MIN_PARAGRAPH_WORDS => {
                let sentences = split_sentences(&text);
                pool.shapes.push(sentences.len().max(1));
                pool.sentences
                    .extend(sentences.into_iter().map(str::to_string));
                pool.paragraphs.push(text);
            }
            _ if words <= MAX_HEADING_WORDS && !ends_like_sentence(&text) => {
                pool.headings.push(text)
            }
            _ => {}
        }
    }
}

fn add_pairs(source: &mut Source, en: &[Unit], ar: &[Unit]) {
    for group in align::align(en, ar) {
        if let ([a], [b]) = (group.a.as_slice(), group.b.as_slice()) {
            let (en_text, ar_text) = (clean(&en[*a]), clean(&ar[*b]));
            let (en_words, ar_words) = (
                en_text.split_whitespace().count(),
                ar_text.split_whitespace().count(),
            );
            if Lang::detect(&en_text) != Some(Lang::En) || Lang::detect(&ar_text) != Some(Lang::Ar)
            {
                continue;
            }
            let pair = AlignedPair {
                en: en_text,
                ar: ar_text,
            };
            if en_words <= MAX_HEADING_WORDS
                && ar_words <= MAX_HEADING_WORDS
                && !ends_like_sentence(&pair.en)
            {
                source.short_pairs.push(pair);
            } else if en_words >= MIN_PARAGRAPH_WORDS && ar_words >= MIN_PARAGRAPH_WORDS {
                source.pairs.push(pair);
            }
        }
    }
}

/// The unit's text on one line: whitespace collapsed, the printed label and footnote markers
/// of the source removed (the generator prints its own).
pub fn clean(unit: &Unit) -> String {
    let collapsed: String = unit
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !is_superscript(*c))
        .collect();
    let text = if unit.label.is_some() {
        strip_label(&collapsed)
    } else {
        &collapsed
    };
    text.trim().to_string()
}

fn is_superscript(c: char) -> bool {
    matches!(c, '⁽' | '⁾' | '¹' | '²' | '³' | '\u{2070}'..='\u{2079}')
}

/// Removes a printed paragraph label: `12.`, `12 -`, `- ١٢ -`, `16.3`, `16-3`, `1.a`, `(a)`,
/// `(أ)`, `(1)`. Text without one is returned whole.
pub fn strip_label(text: &str) -> &str {
    let rest = text.trim_start_matches(['-', '–', ' ']);
    if let Some(inner) = rest.strip_prefix('(') {
        if let Some((label, after)) = inner.split_once(')') {
            if !label.is_empty() && label.chars().count() <= 4 && !label.contains(' ') {
                return after.trim_start();
            }
        }
        return text;
    }
    let label_len: usize = rest
        .char_indices()
        .take_while(|(_, c)| c.is_numeric() || matches!(c, '.' | '-'))
        .map(|(_, c)| c.len_utf8())
        .sum();
    if label_len == 0 || !rest[..label_len].chars().any(char::is_numeric) {
        return text;
    }
    let after = &rest[label_len..];
    if after.starts_with(' ') || after.starts_with('\t') {
        after.trim_start_matches([' ', '\t', '-', '–']).trim_start()
    } else {
        text
    }
}

/// Sentences of a paragraph: split after `. ! ? ؟ ؛` followed by a space (the rule of the
/// peers' `make_corpus.py`).
pub fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_end = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() && prev_end {
            let piece = text[start..i].trim();
            if !piece.is_empty() {
                out.push(piece);
            }
            start = i;
        }
        prev_end = matches!(c, '.' | '!' | '?' | '؟' | '؛');
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

fn ends_like_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', '؟', '؛', ';', ':', ','])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_labels_are_removed_and_text_is_kept() {
        assert_eq!(strip_label("12. The Committee"), "The Committee");
        assert_eq!(strip_label("- ١٢ - تؤكد"), "تؤكد");
        assert_eq!(strip_label("١- يهدف"), "يهدف");
        assert_eq!(strip_label("16.3 Promote"), "Promote");
        assert_eq!(strip_label("(أ) توفير"), "توفير");
        assert_eq!(strip_label("(a) provide"), "provide");
        assert_eq!(strip_label("2030 Agenda"), "Agenda");
        assert_eq!(strip_label("The year 2030"), "The year 2030");
        assert_eq!(strip_label("(UNOCA) should"), "(UNOCA) should");
    }

    #[test]
    fn sentences_split_after_final_punctuation() {
        assert_eq!(
            split_sentences("One. Two? ثلاثة؟ أربعة؛ five 8.5.1 six"),
            vec!["One.", "Two?", "ثلاثة؟", "أربعة؛", "five 8.5.1 six"]
        );
    }
}
