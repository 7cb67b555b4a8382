//! Alignment throughput: every English/Arabic version pair of the UNPC test sample (731
//! documents) and of the bilingual pairs, paired and aligned as `sabiqa index` would, plus a
//! long unlabelled synthetic stretch that exercises the band. Skipped (with a message) when
//! the corpus is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sabiqa::align::{align, pair_versions};
mod common;

use sabiqa::ingest::load_document;
use sabiqa::model::{Document, Lang, Unit, UnitKind};
use std::hint::black_box;

fn corpus(set: &str) -> Vec<Document> {
    let Some((files, manifest)) = common::corpus_files(set) else {
        return Vec::new();
    };
    files
        .iter()
        .filter_map(|f| load_document(f, &manifest).ok())
        .collect()
}

/// A long stretch with no labels: `n` units of varied length on each side.
fn unlabelled(n: usize, lang: Lang) -> Vec<Unit> {
    (0..n)
        .map(|k| {
            let words = 5 + (k * 7919) % 40;
            let word = if lang == Lang::Ar { "كلمة" } else { "word" };
            let text = vec![word; words].join(" ");
            Unit {
                doc: "synthetic".to_string(),
                kind: UnitKind::Other,
                label: None,
                ordinal: k as u32 + 1,
                lang,
                end: text.len(),
                text,
                start: 0,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    for set in ["unpc/test", "bilingual"] {
        let docs = corpus(set);
        if docs.is_empty() {
            continue;
        }
        let pairs: Vec<(usize, usize)> = pair_versions(&docs)
            .iter()
            .filter_map(|p| Some((p.en?, p.ar?)))
            .collect();
        group.throughput(Throughput::Elements(pairs.len() as u64));
        group.bench_function(set, |b| {
            b.iter(|| {
                for &(en, ar) in &pairs {
                    black_box(align(&docs[en].units, &docs[ar].units));
                }
            })
        });
    }
    let (en, ar) = (unlabelled(2000, Lang::En), unlabelled(1990, Lang::Ar));
    group.throughput(Throughput::Elements(1));
    group.bench_function("unlabelled 2000x1990", |b| {
        b.iter(|| black_box(align(&en, &ar)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
