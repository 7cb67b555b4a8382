//! Properties of the analysis stage on arbitrary input (proptest): it never panics, offsets
//! are char boundaries of the original text, the two views agree on positions and offsets,
//! normalisation is idempotent, and a term typed as a query comes out as itself.

use proptest::prelude::*;
use sabiqa::analyse::{analyse, normalise_arabic, stem_term, View};
use sabiqa::Lang;

fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::Ar), Just(Lang::En)]
}

/// Text made of what UN documents are made of: Arabic (with marks, tatweel, presentation
/// forms), Latin, digits of three scripts, the punctuation of symbols, controls, spaces.
fn un_like_text() -> impl Strategy<Value = String> {
    "[\u{0600}-\u{06FF}\u{FB50}-\u{FB60}\u{FEF5}-\u{FEFC}\u{200B}-\u{200F}\u{202A}-\u{202E} a-zA-Z0-9./'’,:_()-]{0,60}"
}

fn check_offsets(text: &str, lang: Lang) -> Result<(), TestCaseError> {
    for view in [View::Stem, View::Exact] {
        let mut last_position = None;
        for token in analyse(text, lang, view) {
            prop_assert!(token.start < token.end, "{token:?}");
            prop_assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
            prop_assert!(!token.token.is_empty());
            prop_assert!(last_position < Some(token.position), "positions increase");
            last_position = Some(token.position);
        }
    }
    Ok(())
}

/// The stem view is the exact view stemmed, token for token; analysed one after the other, as
/// the indexer does, the second view takes the first's shared steps.
fn check_views(text: &str, lang: Lang) -> Result<(), TestCaseError> {
    let stem = analyse(text, lang, View::Stem);
    let exact = analyse(text, lang, View::Exact);
    prop_assert_eq!(stem.len(), exact.len());
    for (s, e) in stem.iter().zip(&exact) {
        prop_assert_eq!((s.start, s.end, s.position), (e.start, e.end, e.position));
        let mut stemmed = e.token.clone();
        stem_term(lang, &mut stemmed);
        prop_assert_eq!(&s.token, &stemmed);
    }
    prop_assert_eq!(
        &analyse(text, lang, View::Stem),
        &stem,
        "a third analysis agrees"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_unicode_is_analysed_with_sound_offsets(text in "\\PC{0,80}", lang in lang()) {
        check_offsets(&text, lang)?;
        check_views(&text, lang)?;
    }

    #[test]
    fn any_characters_at_all(text in any::<String>(), lang in lang()) {
        check_offsets(&text, lang)?;
    }

    #[test]
    fn un_like_text_is_analysed_with_sound_offsets(text in un_like_text(), lang in lang()) {
        check_offsets(&text, lang)?;
        check_views(&text, lang)?;
    }

    #[test]
    fn normalisation_is_idempotent(text in "\\PC{0,80}") {
        let once = normalise_arabic(&text);
        prop_assert_eq!(normalise_arabic(&once), once.clone());
    }

    #[test]
    fn normalisation_is_idempotent_on_un_like_text(text in un_like_text()) {
        let once = normalise_arabic(&text);
        prop_assert_eq!(normalise_arabic(&once), once.clone());
    }

    /// A term of the exact view, typed as a query, is that same term: what was indexed can
    /// be searched for.
    #[test]
    fn exact_terms_analyse_to_themselves(text in un_like_text(), lang in lang()) {
        for token in analyse(&text, lang, View::Exact) {
            let again: Vec<String> =
                analyse(&token.token, lang, View::Exact).into_iter().map(|t| t.token).collect();
            prop_assert_eq!(again, vec![token.token.clone()], "from {:?}", &text[token.start..token.end]);
        }
    }
}
