//! Segmentation of the four real Arabic UN documents in `shared/corpus/ar`, as issue 3 lists.

mod common;

use sabiqa::ingest::{load_document, Manifest};
use sabiqa::{Document, Unit, UnitKind};
use std::path::PathBuf;

fn load(name: &str) -> Option<Document> {
    let dir = common::shared("corpus/ar")?;
    let path: PathBuf = dir.join(name);
    Some(load_document(&path, &Manifest::default()).expect("the sample loads"))
}

fn labels(doc: &Document, kind: UnitKind) -> Vec<String> {
    doc.units
        .iter()
        .filter(|u| u.kind == kind)
        .filter_map(|u| u.label.clone())
        .collect()
}

fn numbered(range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|n| n.to_string()).collect()
}

fn unit<'a>(doc: &'a Document, label: &str) -> &'a Unit {
    doc.units
        .iter()
        .find(|u| u.label.as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no unit {label}"))
}

/// Page furniture that must never be part of a unit's text.
const FURNITURE: [&str; 7] = [
    sabiqa::segment::furniture::RECYCLING_NOTICES[0],
    "V.18-05123",
    "170818 170818",
    "*1909715*",
    "V.19-09715",
    "Distr.",
    "Original: English",
];

fn assert_no_furniture(doc: &Document) {
    for u in &doc.units {
        for f in FURNITURE {
            assert!(
                !u.text.contains(f),
                "unit {} ({:?}) holds furniture {f:?}",
                u.ordinal,
                u.label
            );
        }
    }
}

fn assert_anchors_are_sound(doc: &Document, text_len: usize) {
    for (i, u) in doc.units.iter().enumerate() {
        assert_eq!(u.ordinal as usize, i + 1, "ordinals run 1, 2, 3, …");
        assert!(
            u.start < u.end && u.end <= text_len,
            "unit {} has range {}..{}",
            u.ordinal,
            u.start,
            u.end
        );
        assert!(!u.text.trim().is_empty(), "unit {} is empty", u.ordinal);
        assert_eq!(u.doc, doc.meta.id);
    }
}

#[test]
fn resolution_004_paragraphs_subparagraphs_and_footnotes() {
    let Some(doc) = load("004_950dd3b5fc96aeff.txt") else {
        return;
    };
    assert_eq!(
        doc.meta.id, "A/RES/76/7",
        "symbol from the Arabic title `7/76 -`"
    );
    assert_eq!(
        doc.meta.date.as_deref(),
        Some("2021-11-23"),
        "date of the Distr. block"
    );
    assert_eq!(labels(&doc, UnitKind::Paragraph), numbered(1..=29));
    let subs: Vec<String> = [
        "16(a)", "16(b)", "16(c)", "16(d)", "16(e)", "24(a)", "24(b)", "24(c)", "26(a)", "26(b)",
        "26(c)",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(labels(&doc, UnitKind::SubParagraph), subs);
    let footnotes: Vec<String> = (1..=12).map(|n| format!("fn{n}")).collect();
    assert_eq!(labels(&doc, UnitKind::Footnote), footnotes);
    assert_no_furniture(&doc);
    assert_anchors_are_sound(&doc, 40432);
}

#[test]
fn resolution_004_paragraph_20_is_one_unit_around_its_footnote() {
    let Some(doc) = load("004_950dd3b5fc96aeff.txt") else {
        return;
    };
    let p20 = unit(&doc, "20");
    assert!(p20.text.contains("وبروتوكول منع"), "{}", p20.text);
    assert!(
        p20.text.contains("وقمع ومعاينة"),
        "continuation after footnote 11 is joined"
    );
    assert!(
        p20.text.contains("وبروتوكول منع وقمع ومعاينة"),
        "joined by one space"
    );
    let fn11 = unit(&doc, "fn11");
    assert!(
        !p20.text.contains("134/48"),
        "footnote 11's text is not in paragraph 20"
    );
    assert!(fn11.text.contains("134/48"));
    assert!(
        p20.start < fn11.start && fn11.end < p20.end,
        "the footnote sits inside 20's range"
    );
    // 16(d) continues after a page break: its range in the file holds two blocks, and its text
    // both.
    let d = unit(&doc, "16(d)");
    let file = common::shared("corpus/ar/004_950dd3b5fc96aeff.txt").expect("the corpus");
    let source = std::fs::read_to_string(file).expect("reads");
    let spanned: Vec<&str> = source[d.start..d.end].lines().map(str::trim).collect();
    let blocks: Vec<&[&str]> = spanned
        .split(|l| l.is_empty())
        .filter(|b| !b.is_empty())
        .collect();
    assert!(blocks.len() >= 2, "{spanned:?}");
    let continuation = blocks[blocks.len() - 1][0];
    let words: Vec<&str> = continuation.split_whitespace().take(3).collect();
    assert!(d.text.contains(&words.join(" ")), "{}", d.text);
}

#[test]
fn resolution_004_footnote_marks_are_apart_from_their_word() {
    let Some(doc) = load("004_950dd3b5fc96aeff.txt") else {
        return;
    };
    let p2 = unit(&doc, "2");
    assert!(p2.text.contains("تأكيدها ⁽²⁾"), "{}", p2.text);
    for u in &doc.units {
        for (i, _) in u.text.match_indices('⁽') {
            let before = u.text[..i].chars().last();
            assert!(
                before.is_none_or(char::is_whitespace),
                "mark glued in unit {}",
                u.ordinal
            );
        }
    }
}

#[test]
fn report_003_paragraphs_1_to_74_in_order_with_the_repeat() {
    let Some(doc) = load("003_6b20bb8a1a11c676.txt") else {
        return;
    };
    let mut expected = numbered(1..=74);
    expected.insert(51, "51".to_string()); // the source prints paragraph 51 twice
    assert_eq!(labels(&doc, UnitKind::Paragraph), expected);
    // Numbered section headings (`١- الدعم المقدم …`) are headings, not paragraphs.
    let heading = doc
        .units
        .iter()
        .find(|u| u.text.starts_with("١- الدعم المقدم"))
        .expect("the heading is kept");
    assert_eq!(heading.kind, UnitKind::Heading);
    // Paragraph 14 continues after a page break.
    assert!(unit(&doc, "14").text.contains("الأعضاء على التصديق"));
    assert_eq!(labels(&doc, UnitKind::Footnote), ["fn1", "fn2"]);
    assert_no_furniture(&doc);
    assert_anchors_are_sound(&doc, 97228);
}

#[test]
fn report_000_paragraphs_and_recommendations() {
    let Some(doc) = load("000_8c5876052fc161d3.txt") else {
        return;
    };
    assert_eq!(doc.meta.date.as_deref(), Some("2021-10-28"));
    assert_eq!(labels(&doc, UnitKind::Paragraph), numbered(1..=49));
    let recs: Vec<String> = (1..=16).map(|n| format!("rec{n}")).collect();
    assert_eq!(labels(&doc, UnitKind::Recommendation), recs);
    // The agenda items `1-`…`5-` belong to paragraph 39.
    let p39 = unit(&doc, "39");
    assert!(p39.text.contains("المسائل التنظيمية") && p39.text.contains("اعتماد التقرير"));
    // Sub-paragraphs under a recommendation carry it.
    assert_eq!(unit(&doc, "rec2(d)").kind, UnitKind::SubParagraph);
    assert!(unit(&doc, "rec6").text.contains("شركات التكنولوجيا"));
    // Paragraph 42 continues after footnote 1.
    assert!(unit(&doc, "42").text.contains("العظمى وأيرلندا الشمالية"));
    assert_eq!(labels(&doc, UnitKind::Footnote), ["fn1"]);
    assert_no_furniture(&doc);
    assert_anchors_are_sound(&doc, 50935);
}

#[test]
fn report_002_visual_order_recovery() {
    let Some(doc) = load("002_2b65cf886f454fe5.txt") else {
        return;
    };
    assert_eq!(
        doc.meta.id, "CTOC/COP/WG.4/2019/6",
        "the running header beside a page footer"
    );
    let paragraphs = labels(&doc, UnitKind::Paragraph);
    let recs = labels(&doc, UnitKind::Recommendation);
    println!(
        "002 (PDF, visual order): recovered {} numbered paragraphs and {} recommendations",
        paragraphs.len(),
        recs.len()
    );
    // Whatever is recovered is in sequence, and the agenda list (1- … 5-) is not taken.
    let numbers: Vec<u32> = paragraphs
        .iter()
        .map(|p| p.parse().expect("numeric"))
        .collect();
    assert!(numbers.windows(2).all(|w| w[1] > w[0]), "{numbers:?}");
    assert_eq!(numbers, (1..=69).collect::<Vec<_>>());
    assert_eq!(
        recs,
        (1..=39).map(|n| format!("rec{n}")).collect::<Vec<_>>()
    );
    assert_no_furniture(&doc);
    assert_anchors_are_sound(&doc, 72842);
}

#[test]
fn nothing_but_furniture_is_dropped() {
    // Every non-blank line of each sample is either furniture or inside some unit's range.
    use sabiqa::segment::{furniture::furniture_mask, lines::line_ranges};
    let Some(dir) = common::shared("corpus/ar") else {
        return;
    };
    for name in [
        "000_8c5876052fc161d3.txt",
        "002_2b65cf886f454fe5.txt",
        "003_6b20bb8a1a11c676.txt",
        "004_950dd3b5fc96aeff.txt",
    ] {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).expect("readable");
        let doc = load_document(&path, &Manifest::default()).expect("loads");
        let lines = line_ranges(&text);
        let line_text: Vec<&str> = lines.iter().map(|r| &text[r.clone()]).collect();
        let furniture = furniture_mask(&line_text);
        for (i, range) in lines.iter().enumerate() {
            if range.is_empty() || furniture[i] {
                continue;
            }
            let covered = doc
                .units
                .iter()
                .any(|u| u.start <= range.start && range.end <= u.end);
            assert!(covered, "{name}: line {} is lost: {}", i + 1, line_text[i]);
        }
    }
}
