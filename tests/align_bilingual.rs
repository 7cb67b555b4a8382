//! The aligner on the three real bilingual pairs of `corpus/bilingual` (SDG targets,
//! indicators, Universal Declaration), measured against `gold-alignment.tsv`.

mod common;

use sabiqa::align::{align, stats, AlignedGroup};
use sabiqa::ingest::{load_document, manifests_for};
use sabiqa::model::{Document, Unit};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Gold rows name units by (at most) the first 40 characters of their text.
const GOLD_PREFIX_CHARS: usize = 40;

fn load_pair(dir: &Path, stem: &str) -> (Document, Document) {
    let paths: Vec<PathBuf> = ["en", "ar"]
        .iter()
        .map(|lang| dir.join(format!("{stem}.{lang}.txt")))
        .collect();
    let manifest = manifests_for(&paths).expect("manifests");
    let en = load_document(&paths[0], &manifest).expect("English version loads");
    let ar = load_document(&paths[1], &manifest).expect("Arabic version loads");
    (en, ar)
}

/// Whether `unit` is the one a gold prefix names: a prefix shorter than the limit is the
/// whole text.
fn is_named_by(unit: &Unit, prefix: &str) -> bool {
    let (text, prefix) = (unit.text.trim(), prefix.trim());
    if prefix.chars().count() < GOLD_PREFIX_CHARS - 1 {
        text == prefix
    } else {
        text.starts_with(prefix)
    }
}

/// The index of the first unit at or after `from` that `prefix` names.
fn find_unit(units: &[Unit], prefix: &str, from: usize) -> Option<usize> {
    (from..units.len()).find(|&i| is_named_by(&units[i], prefix))
}

fn same_group(groups: &[AlignedGroup], a: usize, b: usize) -> bool {
    groups.iter().any(|g| g.a.contains(&a) && g.b.contains(&b))
}

#[test]
fn bilingual_pairs_align_with_the_gold_alignment() {
    let Some(dir) = common::shared("corpus/bilingual") else {
        return;
    };
    let gold_text = std::fs::read_to_string(dir.join("gold-alignment.tsv")).expect("gold file");
    let mut gold: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for line in gold_text.lines().skip(1) {
        let mut fields = line.split('\t');
        if let (Some(doc), Some(en), Some(ar)) = (fields.next(), fields.next(), fields.next()) {
            gold.entry(doc).or_default().push((en, ar));
        }
    }
    assert_eq!(gold.len(), 3, "three document pairs in the gold file");

    let (mut total, mut correct) = (0usize, 0usize);
    for (stem, rows) in &gold {
        let (en, ar) = load_pair(&dir, stem);
        let groups = align(&en.units, &ar.units);
        let s = stats(&groups);
        let (mut next_en, mut next_ar) = (0, 0);
        let mut doc_correct = 0;
        for &(en_prefix, ar_prefix) in rows {
            let e = find_unit(&en.units, en_prefix, next_en);
            let a = find_unit(&ar.units, ar_prefix, next_ar);
            let (Some(e), Some(a)) = (e, a) else {
                println!(
                    "  {stem}: gold pair not found among the units: {en_prefix:?} / {ar_prefix:?}"
                );
                continue;
            };
            (next_en, next_ar) = (e + 1, a + 1);
            if same_group(&groups, e, a) {
                doc_correct += 1;
            } else {
                println!(
                    "  {stem}: MISALIGNED en #{} {en_prefix:?} / ar #{} {ar_prefix:?}",
                    e + 1,
                    a + 1
                );
            }
        }
        println!(
            "{stem}: {doc_correct}/{} gold pairs aligned ({} en, {} ar units; {} groups: {} 1–1, {} many, {} + {} unpaired)",
            rows.len(),
            en.units.len(),
            ar.units.len(),
            s.groups,
            s.one_to_one,
            s.many,
            s.unpaired_a,
            s.unpaired_b
        );
        total += rows.len();
        correct += doc_correct;
    }
    let accuracy = correct as f64 / total as f64;
    println!(
        "bilingual: {correct}/{total} gold pairs aligned = {:.2} %",
        100.0 * accuracy
    );
    assert!(accuracy >= 0.98, "accuracy {accuracy:.4} below 0.98");
}

/// The index of the unit whose text starts with `start` (the corpus text, never copied here
/// beyond a few words).
fn unit_starting(units: &[Unit], start: &str) -> usize {
    units
        .iter()
        .position(|u| u.text.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no unit starts with {start:?}"))
}

#[test]
fn udhr_preamble_paragraph_missing_in_arabic_is_unpaired_and_the_rest_aligns() {
    // The English preamble has 11 units, the Arabic 10: the Arabic version lacks the paragraph
    // on friendly relations.
    let Some(dir) = common::shared("corpus/bilingual") else {
        return;
    };
    let (en, ar) = load_pair(&dir, "A_RES_217A-udhr");
    let groups = align(&en.units, &ar.units);
    let art_en = unit_starting(&en.units, "Article 1");
    let art_ar = unit_starting(&ar.units, "المادة 1");
    let preamble: Vec<&AlignedGroup> = groups
        .iter()
        .filter(|g| g.a.iter().all(|&i| i < art_en) && g.b.iter().all(|&j| j < art_ar))
        .collect();
    println!(
        "UDHR preamble: {art_en} en / {art_ar} ar units in {} groups",
        preamble.len()
    );
    for g in &preamble {
        let en_start: Vec<String> =
            g.a.iter()
                .map(|&i| en.units[i].text.chars().take(40).collect())
                .collect();
        let ar_start: Vec<String> =
            g.b.iter()
                .map(|&j| ar.units[j].text.chars().take(40).collect())
                .collect();
        println!("  {en_start:?}\n  {ar_start:?}");
    }
    assert_eq!(art_en - art_ar, 1, "the English preamble has one unit more");
    let missing = en.units[..art_en]
        .iter()
        .position(|u| u.text.contains("friendly relations"))
        .expect("the preamble paragraph on friendly relations");
    let unpaired: Vec<&AlignedGroup> = preamble
        .iter()
        .copied()
        .filter(|g| g.b.is_empty())
        .collect();
    assert_eq!(
        unpaired,
        vec![&AlignedGroup {
            a: vec![missing],
            b: vec![]
        }]
    );
    // Every other preamble unit keeps its rendering: the English ones but the missing one meet
    // the Arabic ones in order.
    let english = (0..art_en).filter(|&i| i != missing);
    for (e, a) in english.zip(0..art_ar) {
        assert!(
            same_group(&groups, e, a),
            "{:?} is rendered by {:?}",
            en.units[e].text.chars().take(40).collect::<String>(),
            ar.units[a].text.chars().take(40).collect::<String>()
        );
    }
    assert!(
        same_group(&groups, art_en, art_ar),
        "Article 1 is anchored to المادة 1"
    );
}

#[test]
fn documents_in_one_language_only_pair_with_none() {
    // corpus/ar holds Arabic-only documents; corpus/bilingual holds three complete pairs.
    let (Some(ar_only), Some(bilingual)) = (
        common::shared("corpus/ar"),
        common::shared("corpus/bilingual"),
    ) else {
        return;
    };
    let mut paths: Vec<PathBuf> = [&ar_only, &bilingual]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).expect("corpus directory"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let manifest = manifests_for(&paths).expect("manifests");
    let docs: Vec<Document> = paths
        .iter()
        .map(|p| load_document(p, &manifest).expect("document loads"))
        .collect();
    let pairs = sabiqa::align::pair_versions(&docs);
    let in_dir = |k: usize, dir: &Path| docs[k].meta.path.starts_with(dir);
    let lone: Vec<_> = pairs.iter().filter(|p| !p.is_complete()).collect();
    let complete: Vec<_> = pairs.iter().filter(|p| p.is_complete()).collect();
    println!(
        "{} documents: {} complete pairs, {} in one language only",
        docs.len(),
        complete.len(),
        lone.len()
    );
    let ar_only_count = docs
        .iter()
        .filter(|d| d.meta.path.starts_with(&ar_only))
        .count();
    assert_eq!(
        lone.len(),
        ar_only_count,
        "each Arabic-only document is a pair of its own"
    );
    assert!(lone
        .iter()
        .all(|p| p.en.is_none() && p.ar.is_some_and(|k| in_dir(k, &ar_only))));
    assert_eq!(complete.len(), 3);
    for pair in complete {
        let (Some(en), Some(ar)) = (pair.en, pair.ar) else {
            unreachable!()
        };
        assert!(in_dir(en, &bilingual) && in_dir(ar, &bilingual));
        assert_eq!(docs[en].meta.id, docs[ar].meta.id);
    }
    // Every document is in exactly one pair.
    let mut seen: Vec<usize> = pairs
        .iter()
        .flat_map(|p| p.en.into_iter().chain(p.ar))
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, (0..docs.len()).collect::<Vec<_>>());
}
