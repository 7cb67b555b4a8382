//! Property tests: segmentation never panics and its anchors always point into the input.

use proptest::prelude::*;
use sabiqa::segment::{canonical_label, segment};
use sabiqa::{DocMeta, Lang};

fn meta() -> DocMeta {
    DocMeta {
        id: "doc".into(),
        symbol: None,
        path: "doc.txt".into(),
        lang: Lang::Ar,
        date: None,
        title: None,
    }
}

/// Pieces UN documents are made of, so that random inputs hit the interesting paths.
const PIECES: &[&str] = &[
    "1- ",
    "- 1 - ",
    "٤٥ - ",
    "5 -",
    "16.3 ",
    "1-أ ",
    "(أ) ",
    "(هـ) ",
    "(a) ",
    "(1) ",
    "(١٢) ",
    "* ",
    "التوصية 5",
    "١التوصية",
    "Goal 16. ",
    "المادة 18",
    "أولاً - ",
    "  -١",
    "-٢٤ ",
    "'3` ",
    "Distr.: General",
    "23 July 2018",
    sabiqa::segment::furniture::RECYCLING_NOTICES[0],
    "*1909715*",
    "010203 010203 V.29-99999 (A)",
    "XYZ/COP/2031/9",
    "⁽¹⁾",
    "^(١)",
    "نص",
    "text",
    ".",
    ":",
    "؛",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\u{200F}",
    "\u{FEFF}",
    "ـ",
    "é",
    "𝟙",
];

fn document_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|p| p.concat())
}

fn check(text: &str) {
    let units = segment(text, &meta());
    for (i, u) in units.iter().enumerate() {
        assert_eq!(u.ordinal as usize, i + 1);
        assert!(
            u.start <= u.end && u.end <= text.len(),
            "{}..{} of {}",
            u.start,
            u.end,
            text.len()
        );
        assert!(text.is_char_boundary(u.start) && text.is_char_boundary(u.end));
        assert!(!u.text.trim().is_empty(), "unit {} is empty", u.ordinal);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn segment_never_panics_on_any_string(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn segment_never_panics_on_document_like_text(text in document_like()) {
        check(&text);
    }

    #[test]
    fn canonical_label_never_panics(text in any::<String>()) {
        let _ = canonical_label(&text);
    }
}
