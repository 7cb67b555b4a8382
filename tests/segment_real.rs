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

/// The non-empty blocks of lines (trimmed) in `unit`'s range of corpus file `name`: a unit
/// broken across a page break or a footnote spans several.
fn source_blocks(name: &str, unit: &Unit) -> Vec<Vec<String>> {
    let file = common::shared("corpus/ar").expect("the corpus").join(name);
    let source = std::fs::read_to_string(file).expect("reads");
    let spanned: Vec<String> = source[unit.start..unit.end]
        .lines()
        .map(|l| l.trim().to_string())
        .collect();
    spanned
        .split(|l| l.is_empty())
        .filter(|b| !b.is_empty())
        .map(<[String]>::to_vec)
        .collect()
}

/// The first (or, `from_end`, the last) `n` words of `line` that hold a letter.
fn words_of(line: &str, n: usize, from_end: bool) -> String {
    let lettered: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let taken = if from_end {
        &lettered[lettered.len().saturating_sub(n)..]
    } else {
        &lettered[..n.min(lettered.len())]
    };
    taken.join(" ")
}

/// Asserts that `unit` of file `name` continues after a break (a page break, or a footnote
/// set between its parts): its text holds the last words before the break and the first words
/// after it, read from the file. Returns them.
fn assert_continued(name: &str, unit: &Unit) -> (String, String) {
    let blocks = source_blocks(name, unit);
    assert!(
        blocks.len() >= 2,
        "{:?} spans one block: {blocks:?}",
        unit.label
    );
    let before = words_of(&blocks[0][blocks[0].len() - 1], 2, true);
    let after = words_of(&blocks[blocks.len() - 1][0], 2, false);
    for words in [&before, &after] {
        assert!(
            !words.is_empty() && unit.text.contains(words.as_str()),
            "{}",
            unit.text
        );
    }
    (before, after)
}

/// Page furniture that must never be part of a unit's text, besides the numbered furniture
/// each file holds ([`numbered_furniture`]).
const FURNITURE: [&str; 3] = [
    sabiqa::segment::furniture::RECYCLING_NOTICES[0],
    "Distr.",
    "Original: English",
];

/// The numbered furniture of the file at `path`, found by its shape: job numbers
/// (`V.NN-NNNNN`), barcodes (`*NNNNNNN*`) and print-date pairs (`NNNNNN NNNNNN`).
fn numbered_furniture(path: &std::path::Path) -> Vec<String> {
    let shapes = regex::Regex::new(r"[A-Z]\.\d{2}-\d{5}|\*\d{7}\*|\b\d{6} \d{6}\b")
        .expect("the shapes compile");
    let source = std::fs::read_to_string(path).expect("reads");
    shapes
        .find_iter(&source)
        .map(|m| m.as_str().to_string())
        .collect()
}

fn assert_no_furniture(doc: &Document) {
    let numbered = numbered_furniture(&doc.meta.path);
    let furniture = FURNITURE
        .iter()
        .copied()
        .chain(numbered.iter().map(String::as_str));
    for f in furniture {
        for u in &doc.units {
            assert!(
                !u.text.contains(f),
                "unit {} ({:?}) holds furniture {f:?}",
                u.ordinal,
                u.label
            );
        }
    }
}

/// The furniture the tests above look for is there to be dropped: the four documents carry
/// job numbers, barcodes and print dates of the shapes [`numbered_furniture`] finds.
#[test]
fn the_samples_carry_numbered_furniture() {
    let Some(dir) = common::shared("corpus/ar") else {
        return;
    };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("lists") {
        found.extend(numbered_furniture(&entry.expect("entry").path()));
    }
    let job_numbers = found.iter().filter(|f| f.contains('-')).count();
    let barcodes = found.iter().filter(|f| f.starts_with('*')).count();
    let print_dates = found.iter().filter(|f| f.contains(' ')).count();
    assert!(
        job_numbers >= 2 && barcodes >= 1 && print_dates >= 1,
        "{found:?}"
    );
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
    let name = "004_950dd3b5fc96aeff.txt";
    let Some(doc) = load(name) else {
        return;
    };
    let p20 = unit(&doc, "20");
    // The continuation after footnote 11 is joined, by one space.
    let (before, after) = assert_continued(name, p20);
    assert!(
        p20.text.contains(&format!("{before} {after}")),
        "{}",
        p20.text
    );
    // Footnote 11's text (the block between, after its mark) is not in paragraph 20.
    let fn11 = unit(&doc, "fn11");
    let note = source_blocks(name, p20)[1].join(" ");
    let (_mark, note) = note.split_once(' ').expect("a mark, then the note");
    assert!(!p20.text.contains(note), "{}", p20.text);
    assert!(fn11.text.contains(note), "{}", fn11.text);
    assert!(
        p20.start < fn11.start && fn11.end < p20.end,
        "the footnote sits inside 20's range"
    );
    // 16(d) continues after a page break: its range in the file holds two blocks, and its text
    // both.
    assert_continued(name, unit(&doc, "16(d)"));
}

#[test]
fn resolution_004_footnote_marks_are_apart_from_their_word() {
    let Some(doc) = load("004_950dd3b5fc96aeff.txt") else {
        return;
    };
    let p2 = unit(&doc, "2");
    assert!(p2.text.contains(" ⁽²⁾"), "{}", p2.text);
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
    // Numbered section headings (`١-` like paragraph 1) are headings, not paragraphs.
    let numbered_one: Vec<&Unit> = doc
        .units
        .iter()
        .filter(|u| u.text.starts_with("١- "))
        .collect();
    assert!(numbered_one.len() >= 2, "paragraph 1 and a heading");
    assert_eq!(numbered_one[0].label.as_deref(), Some("1"));
    for heading in &numbered_one[1..] {
        assert_eq!(heading.kind, UnitKind::Heading, "{}", heading.text);
    }
    // Paragraph 14 continues after a page break.
    assert_continued("003_6b20bb8a1a11c676.txt", unit(&doc, "14"));
    assert_eq!(labels(&doc, UnitKind::Footnote), ["fn1", "fn2"]);
    assert_no_furniture(&doc);
    assert_anchors_are_sound(&doc, 97228);
}

#[test]
fn report_000_paragraphs_and_recommendations() {
    let name = "000_8c5876052fc161d3.txt";
    let Some(doc) = load(name) else {
        return;
    };
    assert_eq!(doc.meta.date.as_deref(), Some("2021-10-28"));
    assert_eq!(labels(&doc, UnitKind::Paragraph), numbered(1..=49));
    let recs: Vec<String> = (1..=16).map(|n| format!("rec{n}")).collect();
    assert_eq!(labels(&doc, UnitKind::Recommendation), recs);
    // The agenda items `1-`…`5-` (and their lettered items) belong to paragraph 39: its
    // second block, every line.
    let p39 = unit(&doc, "39");
    let agenda = &source_blocks(name, p39)[1];
    for n in 1..=5 {
        let item = format!("- {n}- ");
        assert!(agenda.iter().any(|l| l.starts_with(&item)), "{agenda:?}");
    }
    for item in agenda {
        assert!(p39.text.contains(&words_of(item, 2, false)), "{item}");
    }
    // Sub-paragraphs under a recommendation carry it.
    assert_eq!(unit(&doc, "rec2(d)").kind, UnitKind::SubParagraph);
    // Recommendation 6 continues after a page break; paragraph 42 after footnote 1.
    assert_continued(name, unit(&doc, "rec6"));
    assert_continued(name, unit(&doc, "42"));
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
