//! Analysis throughput on the real corpus (../shared/corpus), side by side with tantivy's
//! `default` tokenizer (SimpleTokenizer + RemoveLong(40) + LowerCaser) on the same paragraphs,
//! in the same run; prints the ratio of their times. Target: the full Arabic analysis
//! (`sabiqa_ar_stem`) at most 1.3× tantivy's default.
//!
//!     cargo bench --bench analysis

mod common;

use criterion::{Criterion, Throughput};
use sabiqa::analyse::{analyzer, View};
use sabiqa::Lang;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tantivy::tokenizer::{TextAnalyzer, TokenStream, TokenizerManager};

/// The paragraphs (lines) of every `.txt` of `shared/corpus/<dir>` whose name passes `keep`.
fn paragraphs(dir: &str, keep: impl Fn(&str) -> bool) -> Option<Vec<String>> {
    let shared = common::shared_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus").join(dir))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| keep(&p.file_name().unwrap_or_default().to_string_lossy()))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).ok()?;
        out.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned),
        );
    }
    Some(out)
}

/// Runs `analyzer` over every paragraph; returns the number of tokens.
fn run(analyzer: &mut TextAnalyzer, paragraphs: &[String]) -> usize {
    let mut tokens = 0;
    for paragraph in paragraphs {
        let mut stream = analyzer.token_stream(paragraph);
        while stream.advance() {
            tokens += black_box(stream.token().text.len()).min(1);
        }
    }
    tokens
}

fn tantivy_default() -> TextAnalyzer {
    TokenizerManager::default()
        .get("default")
        .expect("tantivy registers `default`")
}

/// The best of `rounds` timings of `f`.
fn best_time(rounds: usize, mut f: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn bench_language(c: &mut Criterion, name: &str, lang: Lang, paragraphs: &[String]) {
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let mut group = c.benchmark_group(format!("analysis_{name}"));
    group.throughput(Throughput::Bytes(bytes as u64));
    let mut default = tantivy_default();
    group.bench_function("tantivy_default", |b| {
        b.iter(|| run(&mut default, paragraphs))
    });
    for view in View::ALL {
        let mut ours = analyzer(lang, view);
        group.bench_function(format!("sabiqa_{view}"), |b| {
            b.iter(|| run(&mut ours, paragraphs))
        });
    }
    // What the indexer does: both views of each paragraph in turn, which share their steps
    // up to the stemmer (analyse::shared_views).
    let (mut stem, mut exact) = (analyzer(lang, View::Stem), analyzer(lang, View::Exact));
    group.bench_function("sabiqa_both_views", |b| {
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| {
                    run(&mut stem, std::slice::from_ref(p))
                        + run(&mut exact, std::slice::from_ref(p))
                })
                .sum::<usize>()
        })
    });
    group.finish();

    // The ratio, measured here side by side (alternating, best of many rounds).
    let mut ours = analyzer(lang, View::Stem);
    let (mut default_time, mut ours_time) = (Duration::MAX, Duration::MAX);
    for _ in 0..10 {
        default_time = default_time.min(best_time(3, || {
            run(&mut default, paragraphs);
        }));
        ours_time = ours_time.min(best_time(3, || {
            run(&mut ours, paragraphs);
        }));
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "analysis_{name}: {:.1} MB; tantivy default {:.1} MB/s, sabiqa_{}_stem {:.1} MB/s; \
         ratio sabiqa/default = {:.2}× (target ≤ 1.3×)",
        mb,
        mb / default_time.as_secs_f64(),
        lang,
        mb / ours_time.as_secs_f64(),
        ours_time.as_secs_f64() / default_time.as_secs_f64()
    );
}

fn main() {
    let Some(arabic) = paragraphs("ar", |_| true) else {
        eprintln!("SKIPPED: the shared corpus is not at ../shared (set SABIQA_SHARED)");
        return;
    };
    let Some(english) = paragraphs("bilingual", |name| name.ends_with(".en.txt")) else {
        return;
    };
    let mut criterion = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    bench_language(&mut criterion, "ar", Lang::Ar, &arabic);
    bench_language(&mut criterion, "en", Lang::En, &english);
    criterion.final_summary();
}
