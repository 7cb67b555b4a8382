//! The UNPC samples: every blank-line-separated block stays its own unit, in order, and the
//! gold alignment's paragraphs are found at their ordinals.

mod common;

use sabiqa::ingest::{discover, load_document, manifests_for};
use std::collections::HashMap;

/// Number of blank-line-separated blocks of `text`, counted independently of the segmenter.
fn block_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_block = false;
    for line in text.lines() {
        let blank = line.trim().is_empty();
        if !blank && !in_block {
            count += 1;
        }
        in_block = !blank;
    }
    count
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_block_is_a_unit_and_versions_share_ids() {
    for set in ["corpus/unpc/dev", "corpus/unpc/test"] {
        let Some(dir) = common::shared(set) else {
            return;
        };
        let manifest = manifests_for(std::slice::from_ref(&dir)).expect("manifest");
        let (files, errors) = discover(std::slice::from_ref(&dir));
        assert!(
            errors.is_empty() && files.len() > 1400,
            "{set}: {} files",
            files.len()
        );
        let mut ids: HashMap<String, Vec<String>> = HashMap::new();
        for file in &files {
            let text = std::fs::read_to_string(file).expect("readable");
            let doc = load_document(file, &manifest).expect("loads");
            assert_eq!(doc.units.len(), block_count(&text), "{}", file.display());
            let base = file
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".en.txt", "")
                .replace(".ar.txt", "");
            ids.entry(base).or_default().push(doc.meta.id.clone());
        }
        for (base, versions) in ids {
            assert!(
                versions.windows(2).all(|w| w[0] == w[1]),
                "{base}: {versions:?}"
            );
        }
    }
}

#[test]
fn gold_paragraphs_are_found_at_their_ordinals() {
    let Some(dir) = common::shared("corpus/unpc/dev") else {
        return;
    };
    let manifest = manifests_for(std::slice::from_ref(&dir)).expect("manifest");
    let gold = std::fs::read_to_string(dir.join("gold-alignment.tsv")).expect("gold");
    let mut cache = HashMap::new();
    let mut rows = 0;
    for row in gold.lines().skip(1) {
        let cells: Vec<&str> = row.split('\t').collect();
        let [base, _symbol, en_ord, ar_ord, en_start, ar_start] = cells[..] else {
            panic!("bad gold row {row}")
        };
        for (lang, ordinal, start) in [("en", en_ord, en_start), ("ar", ar_ord, ar_start)] {
            let name = format!("{base}.{lang}.txt");
            let doc = cache
                .entry(name.clone())
                .or_insert_with(|| load_document(&dir.join(&name), &manifest).expect("loads"));
            let ordinal: usize = ordinal.parse().expect("ordinal");
            let unit = &doc.units[ordinal - 1];
            assert_eq!(unit.ordinal as usize, ordinal);
            assert!(
                squeeze(&unit.text).starts_with(&squeeze(start)),
                "{name} #{ordinal}: expected {start:?}, found {:?}",
                unit.text.chars().take(40).collect::<String>()
            );
        }
        rows += 1;
    }
    assert_eq!(rows, 3710);
}

#[test]
fn numbered_blocks_are_labelled_alike_in_both_languages() {
    // The first gold pair of A/68/908: `3.` and `'3`` are both labelled 3.
    let Some(dir) = common::shared("corpus/unpc/dev") else {
        return;
    };
    let manifest = manifests_for(std::slice::from_ref(&dir)).expect("manifest");
    let en = load_document(&dir.join("2015_a_68_908.en.txt"), &manifest).expect("loads");
    let ar = load_document(&dir.join("2015_a_68_908.ar.txt"), &manifest).expect("loads");
    assert_eq!(en.units[0].label.as_deref(), Some("3"));
    assert_eq!(ar.units[0].label.as_deref(), Some("3"));
    assert_eq!(en.units[3].label.as_deref(), Some("57"));
    assert_eq!(ar.units[3].label.as_deref(), Some("57"));
}
