//! The aligner on the UN Parallel Corpus sample (`corpus/unpc/test`, 731 documents of 2015,
//! and `dev`, the set it was tuned on), measured against each set's `gold-alignment.tsv`. Gold pairs name paragraphs by their position
//! among the blank-line-separated blocks of each file; units are mapped to blocks by their
//! byte offsets.

mod common;

use sabiqa::align::{align, pair_versions, stats, AlignedGroup, AlignmentStats};
use sabiqa::ingest::{load_document, manifests_for};
use sabiqa::model::{Document, Lang, Unit};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Byte ranges of the blank-line-separated blocks of `text`, in order.
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let end = offset + line.len();
        if line.trim().is_empty() {
            blocks.extend(current.take());
        } else {
            current = Some(current.map_or(offset..end, |c| c.start..end));
        }
        offset = end;
    }
    blocks.extend(current);
    blocks
}

/// For each block (from 0), the indices of the units starting in it.
fn units_by_block(units: &[Unit], blocks: &[Range<usize>]) -> Vec<Vec<usize>> {
    let mut by_block = vec![Vec::new(); blocks.len()];
    for (i, unit) in units.iter().enumerate() {
        if let Some(b) = blocks.iter().position(|r| r.contains(&unit.start)) {
            by_block[b].push(i);
        }
    }
    by_block
}

/// A gold pair is aligned when the group of the English block's first unit holds a unit of
/// the Arabic block.
fn pair_aligned(groups: &[AlignedGroup], en_units: &[usize], ar_units: &[usize]) -> bool {
    let Some(first) = en_units.first() else {
        return false;
    };
    groups
        .iter()
        .find(|g| g.a.contains(first))
        .is_some_and(|g| g.b.iter().any(|j| ar_units.contains(j)))
}

/// Gold rows of one set: file stem → (en ordinal, ar ordinal), ordinals from 1.
fn read_gold(dir: &Path) -> BTreeMap<String, Vec<(usize, usize)>> {
    let text = std::fs::read_to_string(dir.join("gold-alignment.tsv")).expect("gold file");
    let mut gold: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let ordinal = |k: usize| fields.get(k).and_then(|f| f.parse::<usize>().ok());
        if let (Some(stem), Some(e), Some(a)) = (fields.first(), ordinal(2), ordinal(3)) {
            gold.entry(stem.to_string()).or_default().push((e, a));
        }
    }
    gold
}

fn load_set(dir: &Path) -> Vec<Document> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("set directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let manifest = manifests_for(&paths).expect("manifest");
    paths
        .iter()
        .map(|p| load_document(p, &manifest).expect("document loads"))
        .collect()
}

fn stem_of(doc: &Document) -> String {
    let name = doc
        .meta
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.trim_end_matches(".txt")
        .trim_end_matches(".en")
        .trim_end_matches(".ar")
        .to_string()
}

#[test]
fn unpc_test_set_aligns_with_the_gold_alignment() {
    check_set("test");
}

/// The tuning set, reported alongside so a change that overfits one shows.
#[test]
fn unpc_dev_set_aligns_with_the_gold_alignment() {
    check_set("dev");
}

fn check_set(set: &str) {
    let Some(dir) = common::shared(&format!("corpus/unpc/{set}")) else {
        return;
    };
    let gold = read_gold(&dir);
    let docs = load_set(&dir);
    let pairs = pair_versions(&docs);
    let complete = pairs.iter().filter(|p| p.is_complete()).count();
    println!(
        "unpc/{set}: {} files, {} version pairs, {complete} with both languages",
        docs.len(),
        pairs.len()
    );

    let (mut total, mut correct) = (0usize, 0usize);
    let mut totals = AlignmentStats::default();
    let mut worst: Vec<(String, usize, usize)> = Vec::new();
    for pair in &pairs {
        let (Some(e), Some(a)) = (pair.get(Lang::En), pair.get(Lang::Ar)) else {
            continue;
        };
        let (en, ar) = (&docs[e], &docs[a]);
        let stem = stem_of(en);
        assert_eq!(
            stem,
            stem_of(ar),
            "versions paired by id come from one file pair"
        );
        let Some(rows) = gold.get(&stem) else {
            continue;
        };
        let groups = align(&en.units, &ar.units);
        let s = stats(&groups);
        totals.groups += s.groups;
        totals.one_to_one += s.one_to_one;
        totals.many += s.many;
        totals.unpaired_a += s.unpaired_a;
        totals.unpaired_b += s.unpaired_b;
        let read = |d: &Document| std::fs::read_to_string(&d.meta.path).expect("file");
        let en_blocks = units_by_block(&en.units, &blocks(&read(en)));
        let ar_blocks = units_by_block(&ar.units, &blocks(&read(ar)));
        let block =
            |by: &[Vec<usize>], ordinal: usize| by.get(ordinal - 1).cloned().unwrap_or_default();
        let ok = rows
            .iter()
            .filter(|&&(e, a)| pair_aligned(&groups, &block(&en_blocks, e), &block(&ar_blocks, a)))
            .count();
        if ok < rows.len() {
            worst.push((stem.clone(), ok, rows.len()));
        }
        total += rows.len();
        correct += ok;
    }
    let gold_total: usize = gold.values().map(Vec::len).sum();
    assert_eq!(
        total, gold_total,
        "every gold document was paired and aligned"
    );
    worst.sort_by_key(|(_, ok, n)| (*ok as f64 / *n as f64 * 1e6) as i64);
    for (stem, ok, n) in worst.iter().take(15) {
        println!("  {stem}: {ok}/{n}");
    }
    println!(
        "groups: {} ({} 1–1, {} many, {} en + {} ar unpaired)",
        totals.groups, totals.one_to_one, totals.many, totals.unpaired_a, totals.unpaired_b
    );
    let accuracy = correct as f64 / total as f64;
    println!(
        "unpc/{set}: {correct}/{total} gold pairs aligned = {:.2} %",
        100.0 * accuracy
    );
    assert!(accuracy >= 0.98, "{set}: accuracy {accuracy:.4} below 0.98");
}

/// Drops one unit from the middle of one version of every document (the Arabic of even
/// documents, the English of odd ones) and checks that the other gold pairs stay aligned and
/// the orphaned counterpart is left unpaired: a paragraph missing in one version, on real text.
#[test]
fn a_paragraph_dropped_from_one_version_leaves_the_rest_aligned() {
    let Some(dir) = common::shared("corpus/unpc/test") else {
        return;
    };
    let gold = read_gold(&dir);
    let docs = load_set(&dir);
    let (mut kept, mut kept_ok, mut orphans, mut orphans_unpaired) =
        (0usize, 0usize, 0usize, 0usize);
    for (d, pair) in pair_versions(&docs).iter().enumerate() {
        let (Some(e), Some(a)) = (pair.get(Lang::En), pair.get(Lang::Ar)) else {
            continue;
        };
        let (en, ar) = (&docs[e], &docs[a]);
        let Some(rows) = gold.get(&stem_of(en)) else {
            continue;
        };
        // Only documents whose gold is 1–1 unit for unit, so the dropped unit's counterpart
        // is known.
        let one_to_one: Option<Vec<(usize, usize)>> = {
            let read = |d: &Document| std::fs::read_to_string(&d.meta.path).expect("file");
            let en_blocks = units_by_block(&en.units, &blocks(&read(en)));
            let ar_blocks = units_by_block(&ar.units, &blocks(&read(ar)));
            rows.iter()
                .map(
                    |&(e, a)| match (en_blocks.get(e - 1), ar_blocks.get(a - 1)) {
                        (Some(x), Some(y)) if x.len() == 1 && y.len() == 1 => Some((x[0], y[0])),
                        _ => None,
                    },
                )
                .collect()
        };
        let Some(units) = one_to_one else { continue };
        if units.len() < 3 || units.len() != en.units.len() || units.len() != ar.units.len() {
            continue;
        }
        let dropped = 1 + d % (units.len() - 2);
        let drop_english = d % 2 == 1;
        let (mut en_units, mut ar_units) = (en.units.clone(), ar.units.clone());
        let (orphan_side_is_a, orphan) = if drop_english {
            en_units.remove(units[dropped].0);
            (false, units[dropped].1)
        } else {
            ar_units.remove(units[dropped].1);
            (true, units[dropped].0)
        };
        let groups = align(&en_units, &ar_units);
        let shift = |i: usize, removed: usize| if i > removed { i - 1 } else { i };
        for (k, &(ue, ua)) in units.iter().enumerate() {
            if k == dropped {
                continue;
            }
            let (ue, ua) = if drop_english {
                (shift(ue, units[dropped].0), ua)
            } else {
                (ue, shift(ua, units[dropped].1))
            };
            kept += 1;
            if groups
                .iter()
                .any(|g| g.a.contains(&ue) && g.b.contains(&ua))
            {
                kept_ok += 1;
            }
        }
        orphans += 1;
        let alone = groups.iter().any(|g| {
            if orphan_side_is_a {
                g.a == [orphan] && g.b.is_empty()
            } else {
                g.b == [orphan] && g.a.is_empty()
            }
        });
        if alone {
            orphans_unpaired += 1;
        }
    }
    let kept_accuracy = kept_ok as f64 / kept as f64;
    let orphan_rate = orphans_unpaired as f64 / orphans as f64;
    println!(
        "unpc/test, one paragraph dropped per document: {kept_ok}/{kept} other gold pairs still aligned = {:.2} %; \
         the orphan left unpaired in {orphans_unpaired}/{orphans} = {:.2} % (else merged into a neighbour's group)",
        100.0 * kept_accuracy,
        100.0 * orphan_rate
    );
    assert!(orphans >= 300, "enough documents to measure ({orphans})");
    assert!(kept_accuracy >= 0.97, "rest aligned {kept_accuracy:.4}");
    assert!(orphan_rate >= 0.80, "orphans unpaired {orphan_rate:.4}");
}
