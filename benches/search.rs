//! One search, warm, on an index of the real sample corpus (`../shared/corpus`: the Arabic
//! documents and the bilingual pairs) built once in a temporary folder: a single stemmed term,
//! an exact two-word phrase, and a two-word OR query, all through [`Searcher::search`] (query
//! analysis, BM25 top 10, stored fields, highlights, counterparts).
//!
//! Run with `cargo bench --bench search`. Skipped (with a message) when the corpus is absent.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use sabiqa::index::{self, BuildOptions};
use sabiqa::search::{SearchRequest, Searcher};
use std::hint::black_box;
use std::path::PathBuf;

/// The queries timed: name and sabiqa syntax.
const QUERIES: [(&str, &str); 4] = [
    ("term_ar", "الاتجار"),
    ("phrase_ar", "\"الاتجار بالأشخاص\""),
    ("or2_ar", "الضحايا حماية"),
    ("term_en", "development"),
];

fn corpus() -> Option<Vec<PathBuf>> {
    let shared = common::shared_dir();
    let dirs: Vec<PathBuf> = ["corpus/ar", "corpus/bilingual"]
        .iter()
        .map(|d| shared.join(d))
        .filter(|d| d.is_dir())
        .collect();
    (!dirs.is_empty()).then_some(dirs)
}

fn search(c: &mut Criterion) {
    let Some(dirs) = corpus() else {
        eprintln!("SKIPPED: the shared corpus is not beside the repository (set SABIQA_SHARED)");
        return;
    };
    let Ok(tmp) = tempfile::tempdir() else {
        eprintln!("SKIPPED: no temporary folder");
        return;
    };
    let options = BuildOptions {
        progress: false,
        ..BuildOptions::default()
    };
    let built = index::build(tmp.path(), &dirs, &options);
    let searcher = match built.and_then(|_| Searcher::open(tmp.path())) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("SKIPPED: the corpus could not be indexed: {e}");
            return;
        }
    };
    let mut group = c.benchmark_group("search");
    for (name, query) in QUERIES {
        let request = SearchRequest {
            query: query.to_string(),
            limit: 10,
            ..SearchRequest::default()
        };
        group.bench_function(name, |b| {
            b.iter(|| black_box(searcher.search(black_box(&request)).map(|r| r.total)))
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
