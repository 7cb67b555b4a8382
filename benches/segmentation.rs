//! Segmentation throughput (MB/s) over the real corpus in `../shared/corpus`: the Arabic
//! documents, the bilingual pairs and the UNPC dev samples, each segmented as `sabiqa index`
//! would. Skipped (with a message) when the corpus is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
mod common;

use sabiqa::ingest::metadata;
use std::hint::black_box;

fn corpus(set: &str) -> Vec<(sabiqa::DocMeta, String)> {
    let Some((files, manifest)) = common::corpus_files(set) else {
        return Vec::new();
    };
    files
        .into_iter()
        .filter_map(|f| {
            let text = std::fs::read_to_string(&f).ok()?;
            Some((metadata::resolve(&f, &text, manifest.lookup(&f)), text))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("segment");
    for set in ["ar", "bilingual", "unpc/dev"] {
        let docs = corpus(set);
        if docs.is_empty() {
            continue;
        }
        let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(set, |b| {
            b.iter(|| {
                for (meta, text) in &docs {
                    black_box(sabiqa::segment::segment(black_box(text), meta));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
