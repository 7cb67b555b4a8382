//! The bilingual pairs in `shared/corpus/bilingual`: both versions of a document share an id
//! and carry the same canonical labels.

mod common;

use sabiqa::ingest::{load_document, Manifest};
use sabiqa::{Document, UnitKind};
use std::collections::BTreeSet;
use std::path::Path;

fn pair(dir: &Path, base: &str) -> (Document, Document) {
    let load = |lang: &str| {
        load_document(
            &dir.join(format!("{base}.{lang}.txt")),
            &Manifest::default(),
        )
        .expect("loads")
    };
    (load("en"), load("ar"))
}

fn labels(doc: &Document, kind: UnitKind) -> BTreeSet<String> {
    doc.units
        .iter()
        .filter(|u| u.kind == kind)
        .filter_map(|u| u.label.clone())
        .collect()
}

fn has(doc: &Document, kind: UnitKind, label: &str) -> bool {
    doc.units
        .iter()
        .any(|u| u.kind == kind && u.label.as_deref() == Some(label))
}

#[test]
fn sdg_targets_share_id_and_labels() {
    let Some(dir) = common::shared("corpus/bilingual") else {
        return;
    };
    let (en, ar) = pair(&dir, "A_RES_70_1-targets");
    assert_eq!(en.meta.id, "A/RES/70/1");
    assert_eq!(ar.meta.id, en.meta.id);
    assert_eq!(
        (en.units.len(), ar.units.len()),
        (187, 187),
        "one unit per block"
    );
    for doc in [&en, &ar] {
        assert!(has(doc, UnitKind::Heading, "goal16"), "{}", doc.meta.lang);
        assert!(has(doc, UnitKind::Paragraph, "16.3"), "{}", doc.meta.lang);
        assert!(has(doc, UnitKind::Paragraph, "1.a"), "{}", doc.meta.lang);
    }
    assert_eq!(
        labels(&en, UnitKind::Paragraph).len(),
        169,
        "the 169 targets"
    );
    assert_eq!(
        labels(&en, UnitKind::Paragraph),
        labels(&ar, UnitKind::Paragraph)
    );
    assert_eq!(
        labels(&en, UnitKind::Heading),
        labels(&ar, UnitKind::Heading)
    );
}

#[test]
fn sdg_indicators_share_id_and_labels() {
    let Some(dir) = common::shared("corpus/bilingual") else {
        return;
    };
    let (en, ar) = pair(&dir, "A_RES_71_313-indicators");
    assert_eq!(en.meta.id, "A/RES/71/313");
    assert_eq!(ar.meta.id, en.meta.id);
    assert_eq!((en.units.len(), ar.units.len()), (270, 270));
    assert!(has(&en, UnitKind::Paragraph, "16.2.2") && has(&ar, UnitKind::Paragraph, "16.2.2"));
    assert!(has(&en, UnitKind::Paragraph, "1.a.1") && has(&ar, UnitKind::Paragraph, "1.a.1"));
    assert_eq!(
        labels(&en, UnitKind::Paragraph),
        labels(&ar, UnitKind::Paragraph)
    );
}

#[test]
fn udhr_articles_share_labels() {
    let Some(dir) = common::shared("corpus/bilingual") else {
        return;
    };
    let (en, ar) = pair(&dir, "A_RES_217A-udhr");
    assert_eq!(ar.meta.id, en.meta.id);
    assert_eq!((en.units.len(), ar.units.len()), (92, 91));
    assert!(has(&en, UnitKind::Heading, "art18") && has(&ar, UnitKind::Heading, "art18"));
    assert_eq!(labels(&en, UnitKind::Heading).len(), 30, "articles 1–30");
    assert_eq!(
        labels(&en, UnitKind::Heading),
        labels(&ar, UnitKind::Heading)
    );
    assert_eq!(
        labels(&en, UnitKind::Paragraph),
        labels(&ar, UnitKind::Paragraph)
    );
    assert!(
        has(&en, UnitKind::Paragraph, "art11.2"),
        "numbered paragraphs inside an article"
    );
}

/// Whitespace-free text, so that prefixes compare whatever spacing the unit text has.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn gold_pairs_carry_the_same_label_in_both_languages() {
    let Some(dir) = common::shared("corpus/bilingual") else {
        return;
    };
    let gold = std::fs::read_to_string(dir.join("gold-alignment.tsv")).expect("gold");
    // Gold rows are in document order: search each side forward from the last match, since a
    // 40-character prefix can open two units (UDHR 15.2 and 17.2 both start "No one shall be
    // arbitrarily deprived").
    let mut docs = std::collections::HashMap::new();
    let (mut pairs, mut labelled) = (0, 0);
    for row in gold.lines().skip(1) {
        let cells: Vec<&str> = row.split('\t').collect();
        let [base, en_start, ar_start] = cells[..] else {
            panic!("bad gold row {row}")
        };
        let (en, ar, cursor) = docs.entry(base.to_string()).or_insert_with(|| {
            let (en, ar) = pair(&dir, base);
            (en, ar, (0usize, 0usize))
        });
        let find = |doc: &Document, from: usize, start: &str| {
            let start = squeeze(start);
            doc.units[from..]
                .iter()
                .position(|u| squeeze(&u.text).starts_with(&start))
                .map(|i| from + i)
                .unwrap_or_else(|| panic!("{base}: no unit from #{from} starts with {start}"))
        };
        let (e, a) = (find(en, cursor.0, en_start), find(ar, cursor.1, ar_start));
        *cursor = (e, a);
        let (en_label, ar_label) = (&en.units[e].label, &ar.units[a].label);
        assert_eq!(en_label, ar_label, "{base}: {en_start} / {ar_start}");
        pairs += 1;
        labelled += usize::from(en_label.is_some());
    }
    assert_eq!(pairs, 537);
    println!("bilingual gold: {pairs} pairs found, {labelled} with the same label on both sides");
}
