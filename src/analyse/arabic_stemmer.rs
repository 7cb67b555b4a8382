//! Arabic light stemming, exactly as Lucene's `ArabicStemmer` (light10 of Larkey, Ballesteros
//! and Connell): conflates the prefixed, suffixed and plural forms of a word without guessing
//! at roots. tantivy's Snowball Arabic stemmer conflates differently (and over-stems: فريق →
//! ريق), so it is not used.
//!
//! | step | affixes, tried in this order | removed when |
//! |---|---|---|
//! | one prefix at most | ال وال بال كال فال لل | 2+ letters remain |
//! | | و | the word has 4+ letters |
//! | every suffix in turn | ها ان ات ون ين يه ية ه ة ي | 2+ letters remain |
//!
//! Lengths are counted in letters of the normalised term (Lucene counts UTF-16 units, the same
//! for Arabic). A symbol (`a/res/76/7`) is never stemmed.

use super::filter::{token_filter, TermFilter};

/// Prefixes, as Lucene lists them: the first that applies is removed.
const PREFIXES: [&str; 7] = ["ال", "وال", "بال", "كال", "فال", "لل", "و"];

/// Suffixes, as Lucene lists them: each that applies is removed, in this order.
const SUFFIXES: [&str; 10] = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];

/// Letters a word keeps at least once stemmed.
const MIN_STEM_LETTERS: usize = 2;

/// Letters (in the Arabic block, two UTF-8 bytes each) of an affix.
const fn letters(affix: &str) -> usize {
    affix.len() / 2
}

/// Whether `c` can begin a prefix or end a suffix: the letters ا to ي.
#[inline]
fn is_affix_letter(c: char) -> bool {
    ('\u{0627}'..='\u{064A}').contains(&c)
}

/// Stems `term` in place (no allocation: the prefix is drained, the suffixes truncated).
pub fn stem(term: &mut String) {
    let starts = term.chars().next().is_some_and(is_affix_letter);
    let ends = term.chars().next_back().is_some_and(is_affix_letter);
    if !(starts || ends) || term.contains('/') {
        return;
    }
    let mut len = term.chars().count();
    if let Some(prefix) = PREFIXES.iter().find(|prefix| {
        let long_enough = if letters(prefix) == 1 {
            len >= 4
        } else {
            len >= letters(prefix) + MIN_STEM_LETTERS
        };
        long_enough && term.starts_with(*prefix)
    }) {
        term.drain(..prefix.len());
        len -= letters(prefix);
    }
    for suffix in SUFFIXES {
        if len >= letters(suffix) + MIN_STEM_LETTERS && term.ends_with(suffix) {
            term.truncate(term.len() - suffix.len());
            len -= letters(suffix);
        }
    }
}

/// Token filter applying [`stem`] to every term.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicStemmer;

impl TermFilter for ArabicStemmer {
    #[inline]
    fn apply(&mut self, term: &mut String, _buffer: &mut String) -> bool {
        stem(term);
        true
    }
}

token_filter!(ArabicStemmer);

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmed(word: &str) -> String {
        let mut term = word.to_owned();
        stem(&mut term);
        term
    }

    /// Lucene's TestArabicStemFilter vectors, every one.
    #[test]
    fn lucene_vectors() {
        for (input, expected) in [
            ("الحسن", "حسن"),
            ("والحسن", "حسن"),
            ("بالحسن", "حسن"),
            ("كالحسن", "حسن"),
            ("فالحسن", "حسن"),
            ("للاخر", "اخر"),
            ("وحسن", "حسن"),
            ("زوجها", "زوج"),
            ("ساهدان", "ساهد"),
            ("ساهدات", "ساهد"),
            ("ساهدون", "ساهد"),
            ("ساهدين", "ساهد"),
            ("ساهديه", "ساهد"),
            ("ساهدية", "ساهد"),
            ("ساهده", "ساهد"),
            ("ساهدة", "ساهد"),
            ("ساهدي", "ساهد"),
            ("وساهدون", "ساهد"),
            ("ساهدهات", "ساهد"),
            ("الو", "الو"),
            ("English", "English"),
            ("", ""),
        ] {
            assert_eq!(stemmed(input), expected, "{input}");
        }
    }

    /// Every prefix on words of the trafficking reports (already normalised).
    #[test]
    fn each_prefix_on_corpus_words() {
        assert_eq!(stemmed("الاتجار"), "اتجار");
        assert_eq!(stemmed("والاتجار"), "اتجار");
        assert_eq!(stemmed("بالاتجار"), "اتجار");
        assert_eq!(stemmed("كالاتجار"), "اتجار");
        assert_eq!(stemmed("فالاتجار"), "اتجار");
        assert_eq!(stemmed("للضحايا"), "ضحايا");
        assert_eq!(stemmed("وضحايا"), "ضحايا");
    }

    /// Every suffix on words of the trafficking reports.
    #[test]
    fn each_suffix_on_corpus_words() {
        assert_eq!(stemmed("تنفيذها"), "تنفيذ");
        assert_eq!(stemmed("الطرفان"), "طرف");
        assert_eq!(stemmed("التوصيات"), "توص");
        assert_eq!(stemmed("المشاركون"), "مشارك");
        assert_eq!(stemmed("المشاركين"), "مشارك");
        assert_eq!(stemmed("عليه"), "عل");
        assert_eq!(stemmed("الدولية"), "دول");
        assert_eq!(stemmed("الجريمه"), "جريم");
        assert_eq!(stemmed("الجريمة"), "جريم");
        assert_eq!(stemmed("الوطني"), "وطن");
    }

    #[test]
    fn at_most_one_prefix_and_suffixes_in_turn() {
        // وال is taken whole; the ال left behind by و alone is not removed again.
        assert_eq!(stemmed("والدول"), "دول");
        assert_eq!(stemmed("وللدول"), "للدول");
        // ات then ه then ي, in the order of the list.
        assert_eq!(stemmed("مكافحتهات"), "مكافحت");
        assert_eq!(stemmed("الدوليه"), "دول");
    }

    #[test]
    fn length_conditions() {
        // و needs a word of four letters.
        assert_eq!(stemmed("وقت"), "وقت");
        assert_eq!(stemmed("وقته"), "قت");
        // ال and its family leave two letters at least.
        assert_eq!(stemmed("الم"), "الم");
        assert_eq!(stemmed("الدم"), "دم");
        assert_eq!(stemmed("بالد"), "بالد");
        // A suffix leaves two letters at least.
        assert_eq!(stemmed("فيه"), "في");
        assert_eq!(stemmed("به"), "به");
        assert_eq!(stemmed("لها"), "لها");
        assert_eq!(stemmed("منها"), "من");
    }

    #[test]
    fn words_that_must_not_be_stemmed() {
        for word in [
            "في",
            "من",
            "عن",
            "حق",
            "فريق",
            "منع",
            "حقوق",
            "اتفاق",
            "الو",
            "ولد",
            "دول",
        ] {
            assert_eq!(stemmed(word), word, "{word}");
        }
    }

    #[test]
    fn symbols_and_latin_terms_are_not_stemmed() {
        for term in ["a/res/76/7", "71/167", "ها/2021", "unodc", "2021"] {
            assert_eq!(stemmed(term), term);
        }
    }
}
