//! Arabic normalisation: one spelling for the many ways UN texts write the same word.
//!
//! Lucene's `ArabicNormalizer` rules, plus what PDF extraction and Persian/Urdu keyboards
//! leave in real UN text. Applied to every token of both languages (an Arabic name in an
//! English paragraph is folded the same way), before lowercasing and stemming.
//!
//! | input | output | why |
//! |---|---|---|
//! | tashkeel U+064B–U+065F, superscript alef U+0670 | removed | vocalisation is optional in print (مؤقَّت = مؤقت) |
//! | combining hamza/madda U+0653–U+0655 | composed (و+ٔ → ؤ, ي+ٔ → ئ), else removed | a decomposed أ equals the precomposed one |
//! | tatweel U+0640 | removed | justification (إنشــــاء = إنشاء) |
//! | أ إ آ ٱ | ا | hamza seats are written inconsistently |
//! | ى | ي | alef maksura / yeh confusion |
//! | ة | ه | teh marbuta / heh confusion |
//! | ی ے / ک / ۀ ہ ۃ | ي / ك / ه | Persian and Urdu letters from keyboards and PDFs |
//! | every decimal digit (Nd) | ASCII digit | ٧١/١٦٧ = 71/167 |
//! | presentation forms U+FB50–U+FDFF, U+FE70–U+FEFC | NFKC base letters | PDF extraction (ﻻ = لا) |
//! | bidi and zero-width controls, soft hyphen | removed | invisible; must not spoil a word |

use super::digits::fold_digit;
use super::filter::{token_filter, TermFilter};

/// The normalised form of `c`, as far as a single character decides it.
enum Fold {
    /// Unchanged.
    Keep,
    /// Removed.
    Drop,
    /// Replaced by one character.
    To(char),
    /// A combining hamza or madda: composed with the letter before it, or removed.
    CombiningHamza,
    /// A presentation form: replaced by its compatibility decomposition.
    Decompose,
}

#[inline]
fn fold(c: char) -> Fold {
    match c {
        'a'..='z' | 'A'..='Z' => Fold::Keep,
        // The common Arabic letters that stay (ة U+0629 and ى U+0649 excepted).
        '\u{0621}' | '\u{0624}' | '\u{0626}'..='\u{0628}' | '\u{062A}'..='\u{063A}' => Fold::Keep,
        '\u{0641}'..='\u{0648}' | '\u{064A}' => Fold::Keep,
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => Fold::To('\u{0627}'),
        '\u{0649}' | '\u{06CC}' | '\u{06D2}' => Fold::To('\u{064A}'),
        '\u{0629}' | '\u{06C0}' | '\u{06C1}' | '\u{06C3}' => Fold::To('\u{0647}'),
        '\u{06A9}' => Fold::To('\u{0643}'),
        '\u{0653}'..='\u{0655}' => Fold::CombiningHamza,
        '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => Fold::Drop,
        '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' => Fold::Drop,
        '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => Fold::Drop,
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' => Fold::Decompose,
        c if c.is_ascii() => Fold::Keep,
        c => match fold_digit(c) {
            d if d != c => Fold::To(d),
            _ => Fold::Keep,
        },
    }
}

/// Appends the normalised form of `c` to `out`.
fn push_normalised(c: char, out: &mut String) {
    match fold(c) {
        Fold::Keep => out.push(c),
        Fold::Drop => {}
        Fold::To(folded) => out.push(folded),
        Fold::CombiningHamza => {
            // U+0654 HAMZA ABOVE seats on waw and yeh (ؤ ئ); on alef, and every other mark,
            // it would be folded away anyway.
            if c == '\u{0654}' {
                match out.chars().next_back() {
                    Some('\u{0648}') => {
                        out.pop();
                        out.push('\u{0624}');
                    }
                    Some('\u{064A}') => {
                        out.pop();
                        out.push('\u{0626}');
                    }
                    _ => {}
                }
            }
        }
        Fold::Decompose => {
            // Keep a character without decomposition (FD3E ornate parenthesis, unassigned code
            // points) and the ligatures of whole phrases (ﷺ): a term has no spaces.
            let mut keep = false;
            unicode_normalization::char::decompose_compatible(c, |d| keep |= d == ' ' || d == c);
            if keep {
                out.push(c);
            } else {
                unicode_normalization::char::decompose_compatible(c, |d| push_normalised(d, out));
            }
        }
    }
}

/// Writes the normalised form of `text` into `out` when it differs from `text`, and says
/// whether it did (a text needing no change is only read: the common case allocates nothing).
pub(crate) fn normalise_into(text: &str, out: &mut String) -> bool {
    let Some(first_change) = text
        .char_indices()
        .find(|&(_, c)| !matches!(fold(c), Fold::Keep))
        .map(|(i, _)| i)
    else {
        return false;
    };
    out.clear();
    out.push_str(&text[..first_change]);
    for c in text[first_change..].chars() {
        push_normalised(c, out);
    }
    true
}

/// `text` normalised by the rules of the module table.
pub fn normalise(text: &str) -> String {
    let mut out = String::new();
    if normalise_into(text, &mut out) {
        out
    } else {
        text.to_owned()
    }
}

/// Token filter applying [`normalise`] to every token.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicNormaliser;

impl TermFilter for ArabicNormaliser {
    #[inline]
    fn apply(&mut self, term: &mut String, buffer: &mut String) -> bool {
        if normalise_into(term, buffer) {
            std::mem::swap(term, buffer);
        }
        true
    }
}

token_filter!(ArabicNormaliser);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Lucene's TestArabicNormalizationFilter vectors.
    #[test]
    fn lucene_vectors() {
        for (input, expected) in [
            ("آجن", "اجن"),
            ("أحمد", "احمد"),
            ("إعاذ", "اعاذ"),
            ("بنى", "بني"),
            ("فاطمة", "فاطمه"),
            ("روبرـــــت", "روبرت"),
            ("مَبنا", "مبنا"),
            ("علِي", "علي"),
            ("بُوات", "بوات"),
            ("ولداً", "ولدا"),
            ("ولدٍ", "ولد"),
            ("ولدٌ", "ولد"),
            ("نلْسون", "نلسون"),
            ("هتميّ", "هتمي"),
            ("", ""),
        ] {
            assert_eq!(normalise(input), expected, "{input}");
        }
    }

    #[test]
    fn diacritics_and_tatweel_of_the_corpus_go() {
        assert_eq!(normalise("إنشــــاء"), "انشاء");
        assert_eq!(normalise("مؤقَّت"), "مؤقت");
        assert_eq!(normalise("تِّجار"), "تجار");
        assert_eq!(normalise("الإتّجار"), "الاتجار");
        assert_eq!(normalise("الاتّـجار"), "الاتجار");
        assert_eq!(normalise("الرحمٰن"), "الرحمن");
    }

    #[test]
    fn hamza_seats_fold_and_decomposed_equals_precomposed() {
        assert_eq!(normalise("ٱلأمم"), "الامم");
        assert_eq!(normalise("\u{0627}\u{0654}شخاص"), normalise("أشخاص"));
        assert_eq!(normalise("\u{0627}\u{0655}نشاء"), normalise("إنشاء"));
        assert_eq!(normalise("\u{0627}\u{0653}خر"), normalise("آخر"));
        assert_eq!(normalise("م\u{0648}\u{0654}قت"), normalise("مؤقت"));
        assert_eq!(normalise("م\u{0648}\u{0654}قت"), "مؤقت");
        assert_eq!(normalise("ه\u{064A}\u{0654}ة"), "هئه");
    }

    #[test]
    fn maksura_and_marbuta_fold() {
        assert_eq!(normalise("مستوى"), "مستوي");
        assert_eq!(normalise("الجريمة"), "الجريمه");
    }

    #[test]
    fn persian_and_urdu_letters_fold() {
        assert_eq!(normalise("فی"), "في");
        assert_eq!(normalise("ے"), "ي");
        assert_eq!(normalise("کانون"), "كانون");
        assert_eq!(normalise("ۀ ہ ۃ"), "ه ه ه");
    }

    #[test]
    fn every_decimal_digit_becomes_ascii() {
        assert_eq!(normalise("١٦٧/٧١"), "167/71");
        assert_eq!(normalise("۲۰۲۱"), "2021");
        assert_eq!(normalise("१२"), "12");
    }

    #[test]
    fn presentation_forms_become_base_letters() {
        // ﻻ lam-alef, ﻷ lam-alef with hamza, ﺍﻟﻤﺘﺤﺪﺓ (isolated/final/medial forms), ﷲ.
        assert_eq!(normalise("ﻻ"), "لا");
        assert_eq!(normalise("ﻷ"), "لا");
        assert_eq!(normalise("ﺍﻟﻤﺘﺤﺪﺓ"), "المتحده");
        assert_eq!(normalise("ﷲ"), "الله");
        assert_eq!(normalise("ﷺ"), "ﷺ");
    }

    #[test]
    fn controls_vanish() {
        assert_eq!(normalise("الات\u{200B}جار\u{200E}"), "الاتجار");
        assert_eq!(normalise("\u{202B}\u{2067}a\u{2069}\u{FEFF}\u{00AD}"), "a");
    }

    #[test]
    fn clean_text_is_left_alone() {
        let mut out = String::from("untouched");
        assert!(!normalise_into(
            "الاتجار بالاشخاص 71/167 Trafficking",
            &mut out
        ));
        assert_eq!(out, "untouched");
    }

    proptest! {
        #[test]
        fn normalisation_is_idempotent(text in "\\PC{0,40}") {
            let once = normalise(&text);
            prop_assert_eq!(normalise(&once), once.clone());
        }

        #[test]
        fn normalisation_is_idempotent_on_arabic(
            text in "[\u{0600}-\u{06FF}\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFF}\u{200B}-\u{200F} a-zA-Z0-9]{0,40}"
        ) {
            let once = normalise(&text);
            prop_assert_eq!(normalise(&once), once.clone());
        }
    }
}
