//! The analysis stage on the real corpus (../shared/corpus): every Arabic and bilingual
//! document analyses cleanly, with offsets into the original text, and the tatweel- and
//! diacritic-heavy PDF extraction (ar/002) yields the same terms as clean text.

mod common;

use sabiqa::analyse::{analyse, normalise_arabic, AnalysedToken, View};
use sabiqa::Lang;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn files(dir: &Path, ending: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.to_string_lossy().ends_with(ending))
        .collect();
    files.sort();
    files
}

fn terms(text: &str, lang: Lang, view: View) -> Vec<String> {
    analyse(text, lang, view)
        .into_iter()
        .map(|t| t.token)
        .collect()
}

/// Marks the normaliser removes: tatweel, tashkeel, superscript alef.
fn is_vocalisation(c: char) -> bool {
    matches!(c, '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Checks the invariants of one paragraph's analysis in both views; returns its tokens.
fn check_paragraph(text: &str, lang: Lang, what: &str) -> Vec<AnalysedToken> {
    let stem = analyse(text, lang, View::Stem);
    let exact = analyse(text, lang, View::Exact);
    assert_eq!(
        stem.len(),
        exact.len(),
        "{what}: both views have the same tokens"
    );
    let mut last_position = None;
    for (s, e) in stem.iter().zip(&exact) {
        assert!(s.start < s.end, "{what}: empty range {s:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{what}: {s:?}"
        );
        assert_eq!(
            (s.start, s.end, s.position),
            (e.start, e.end, e.position),
            "{what}"
        );
        assert!(
            !s.token.is_empty() && !e.token.is_empty(),
            "{what}: empty term"
        );
        assert!(
            last_position < Some(s.position),
            "{what}: positions increase"
        );
        last_position = Some(s.position);
        // The exact term is the original characters normalised (number pairs reordered).
        let original = &text[e.start..e.end];
        let normalised = normalise_arabic(original).to_lowercase();
        if !e.token.contains('/') && lang == Lang::Ar {
            assert_eq!(e.token, normalised, "{what}: {original:?}");
        }
    }
    // The views share their steps up to the stemmer (the second takes the first's tokens):
    // the other order gives the same tokens.
    assert_eq!(analyse(text, lang, View::Exact), exact, "{what}");
    assert_eq!(analyse(text, lang, View::Stem), stem, "{what}");
    exact
}

/// Analyses each non-blank line in the language detected from its letters.
fn check_document(path: &Path) -> usize {
    let text = read(path);
    let mut tokens = 0;
    for (n, line) in text.lines().enumerate() {
        let lang = Lang::detect(line).unwrap_or(Lang::En);
        let what = format!("{}:{}", path.display(), n + 1);
        tokens += check_paragraph(line, lang, &what).len();
    }
    tokens
}

#[test]
fn every_arabic_and_bilingual_document_analyses_cleanly() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let arabic = files(&shared.join("corpus/ar"), ".txt");
    assert_eq!(arabic.len(), 4, "the four Arabic reports");
    let bilingual = files(&shared.join("corpus/bilingual"), ".txt");
    assert!(bilingual.len() >= 6, "three bilingual pairs");
    for path in arabic.iter().chain(&bilingual) {
        let tokens = check_document(path);
        assert!(tokens > 500, "{}: only {tokens} tokens", path.display());
    }
}

/// The clean spellings of words that 002 prints with tatweel or diacritics.
const CLEAN_AND_MARKED: [(&str, &str); 3] =
    [("إنشاء", "إنشــــاء"), ("مؤقت", "مؤقَّت"), ("تجار", "تِّجار")];

#[test]
fn vocalised_and_stretched_words_of_002_meet_their_clean_spelling() {
    let Some(dir) = common::shared("corpus/ar") else {
        return;
    };
    let marked_doc = read(&files(&dir, ".txt")[1]);
    assert!(
        marked_doc.matches('\u{0640}').count() > 1000,
        "002 is the tatweel-heavy report"
    );
    let clean_doc = read(&files(&dir, ".txt")[0]);

    // Every token of 002 written with tatweel or tashkeel.
    let marked: Vec<&str> = analyse(&marked_doc, Lang::Ar, View::Exact)
        .iter()
        .map(|t| &marked_doc[t.start..t.end])
        .filter(|original| original.chars().any(is_vocalisation))
        .collect();
    assert!(marked.len() > 500, "{} marked words", marked.len());

    for (clean, printed) in CLEAN_AND_MARKED {
        // Found in 002 by scanning: the marked spelling is there as a token of its own.
        assert!(marked.contains(&printed), "{printed} is a token of 002");
        for view in [View::Exact, View::Stem] {
            assert_eq!(
                terms(printed, Lang::Ar, view),
                terms(clean, Lang::Ar, view),
                "{printed}"
            );
        }
    }
    // إنشاء and مؤقت are printed plainly in the clean report 000, and its terms contain 002's.
    let clean_terms: HashSet<String> = terms(&clean_doc, Lang::Ar, View::Exact)
        .into_iter()
        .collect();
    for (_, printed) in &CLEAN_AND_MARKED[..2] {
        let term = &terms(printed, Lang::Ar, View::Exact)[0];
        assert!(
            clean_terms.contains(term),
            "{printed} → {term} is a term of 000"
        );
    }

    // Every marked word yields the term of the word with its marks taken out.
    for original in &marked {
        let stripped: String = original.chars().filter(|&c| !is_vocalisation(c)).collect();
        for view in [View::Exact, View::Stem] {
            assert_eq!(
                terms(original, Lang::Ar, view),
                terms(&stripped, Lang::Ar, view)
            );
        }
    }
    // And most of them are words the clean reports also use (about two in three: the rest are
    // fragments of words split across the PDF's visual-order lines, تِّجارتقرير, or words the
    // other reports do not use). Without normalisation, hardly any would be.
    let all_clean: HashSet<String> = files(&dir, ".txt")
        .iter()
        .filter(|p| !p.to_string_lossy().contains("/002_"))
        .flat_map(|p| terms(&read(p), Lang::Ar, View::Stem))
        .collect();
    let shared = marked
        .iter()
        .filter(|w| {
            terms(w, Lang::Ar, View::Stem)
                .iter()
                .all(|t| all_clean.contains(t))
        })
        .count();
    assert!(
        shared * 100 >= marked.len() * 60,
        "only {shared} of {} marked words of 002 are terms of the clean reports",
        marked.len()
    );
}

#[test]
fn the_issue_examples_hold() {
    let stem = |text: &str| terms(text, Lang::Ar, View::Stem);
    for form in [
        "الإتّجار",
        "والاتجار",
        "بالاتجار",
        "الاتّـجار",
        "الاتجار\u{200E}",
        "ال\u{200B}اتجار",
    ] {
        assert_eq!(stem(form), stem("الاتجار"), "{form}");
    }
    let en = |text: &str| terms(text, Lang::En, View::Stem);
    for form in ["traffickers'", "Trafficking", "trafficker's", "TRAFFICKING"] {
        assert_eq!(en(form), en("trafficking"), "{form}");
    }
    for lang in [Lang::Ar, Lang::En] {
        for view in [View::Stem, View::Exact] {
            let query = terms("71/167", lang, view);
            assert_eq!(terms("٧١/١٦٧", lang, view), query);
            assert_eq!(terms("١٦٧/٧١", lang, view), query);
            for symbol in ["A/RES/76/7", "XYZ/COP/WG.7/2031/INF/3/Rev.2", "S/2016/949"] {
                let query = terms(symbol, lang, view);
                assert_eq!(query.len(), 1, "{symbol} is one term");
                let in_text = terms(&format!("وفقاً للوثيقة ({symbol})، and"), lang, view);
                assert!(in_text.contains(&query[0]), "{symbol} in {in_text:?}");
            }
            // Found as typed: the query's terms appear in a row in the text.
            for (query, text) in [
                ("كوفيد-19", "جائحة كوفيد-19 في"),
                ("2331 (2016)", "القرار 2331 (2016) بشأن"),
            ] {
                let query = terms(query, lang, view);
                let text = terms(text, lang, view);
                assert!(
                    text.windows(query.len()).any(|w| w == query),
                    "{query:?} in {text:?}"
                );
            }
        }
    }
}

#[test]
fn resolution_71_167_is_found_in_both_orders_in_report_003() {
    let Some(dir) = common::shared("corpus/ar") else {
        return;
    };
    let report = read(&files(&dir, ".txt")[2]);
    let query = terms("71/167", Lang::Ar, View::Stem);
    let spellings: HashSet<&str> = analyse(&report, Lang::Ar, View::Stem)
        .iter()
        .filter(|t| t.token == query[0])
        .map(|t| &report[t.start..t.end])
        .collect();
    assert!(
        spellings.contains("٧١/١٦٧") && spellings.contains("١٦٧/٧١"),
        "{spellings:?}"
    );
}
