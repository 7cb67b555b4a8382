//! `sabiqa bench`: the whole-pipeline benchmark, in one run.
//!
//! | step | how | why |
//! |---|---|---|
//! | collection | generated with `gen-corpus` rules into `OUT/docs` (reused when the same size and seed are there), or `--corpus DIR` | the same text every run |
//! | builds | `sabiqa index --json --rebuild` in a child process: sabiqa analysis with 1 and 2 threads, tantivy's stock tokenizer with 2; `RAYON_NUM_THREADS` = threads, the child held to that many cores (Linux); `--build-repeat N`: N rounds of the three in turn | peak RSS is the child's own (VmHWM); 1 thread means 1 core, reading and analysis included; a ratio is the median of its rounds', so the machine's drift touches both sides alike |
//! | page cache | every file read once before the first build | builds compare CPU, not the disk |
//! | queries | in-process through [`Searcher`] on the 2-thread index, top 10, one query at a time (a pasted passage's segments and hits on one thread a core, the others on the calling thread): one untimed pass, then `--repeat` timed passes, a query's latency is its median | the peers' protocol, so ratios are comparable |
//! | figures | wall and CPU time, MB/s, units/s, µs per unit, peak RSS, index size; p50/p95/p99/mean and QPS per class | a human table on stdout, everything in `--json` |

use anyhow::{bail, Context};
use sabiqa::corpusgen::{self, queries, GenOptions};
use sabiqa::search::{SearchRequest, Searcher};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Flags of `sabiqa bench`.
#[derive(clap::Args)]
pub struct Args {
    /// Generate a collection of this many units (see `gen-corpus`).
    #[arg(long, required_unless_present = "corpus")]
    paragraphs: Option<usize>,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Working folder: the collection, its JSON lines and queries, the indexes.
    #[arg(long, default_value = "sabiqa-bench")]
    out: PathBuf,
    /// Benchmark an existing collection instead of generating one.
    #[arg(long, conflicts_with = "paragraphs")]
    corpus: Option<PathBuf>,
    /// Query set (peers' QUERIES.txt format); default: `--out`'s queries.txt when there is one
    /// (with a generated collection, the set the peers ran), else drawn from the collection
    /// and written there.
    #[arg(long)]
    queries: Option<PathBuf>,
    /// The real corpus the generator recombines.
    #[arg(long, default_value = "../shared/corpus")]
    source: PathBuf,
    /// Timed passes over the queries.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Rounds of builds, each round one build of each kind in turn: each build reports its run
    /// of median time, each ratio the median of the rounds' ratios (a shared 2-core machine
    /// moves single build times by ±20 %, and its drift touches a round's builds alike).
    #[arg(long, default_value_t = 1)]
    build_repeat: usize,
    /// Write the report as JSON here.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Keep the three indexes (default: only the 2-thread sabiqa index is kept).
    #[arg(long)]
    keep_indexes: bool,
    /// The peers' `summary.json` for the same collection and queries (`peers/run_all.sh` run
    /// just before or after): adds sabiqa's ratios to each peer.
    #[arg(long)]
    peers: Option<PathBuf>,
    /// Build nothing: time the queries on the 2-thread index an earlier run kept in `--out`
    /// (for comparing query-side changes on one index).
    #[arg(long)]
    queries_only: bool,
}

/// The collection benchmarked.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
struct Collection {
    docs: PathBuf,
    /// Units generated (`None` for an existing collection).
    paragraphs: Option<usize>,
    seed: Option<u64>,
    files: usize,
    bytes: u64,
    jsonl: Option<PathBuf>,
    queries: PathBuf,
}

/// One index build, as measured.
#[derive(Debug, Serialize)]
struct Build {
    label: String,
    threads: usize,
    /// Whether the child was held to `threads` cores (Linux), so that 1 thread means 1 core.
    pinned: bool,
    analysis: &'static str,
    /// Build time reported by the indexer (read to commit and merges); with `--build-repeat`,
    /// of the run of median time, whose figures these are.
    elapsed_s: f64,
    /// The build time of every run, in order.
    elapsed_runs_s: Vec<f64>,
    /// The child process's wall time (start-up and exit included).
    wall_s: f64,
    /// The child's CPU time, user + system (stable when other work shares the cores).
    cpu_s: f64,
    documents: u64,
    units: u64,
    bytes: u64,
    mb_per_s: f64,
    units_per_s: f64,
    us_per_unit: f64,
    peak_rss_kb: u64,
    index_bytes: u64,
    skipped: usize,
}

/// Latency figures of a set of queries, in milliseconds.
#[derive(Debug, Serialize)]
struct Latency {
    class: String,
    n: usize,
    failed: usize,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    mean_ms: f64,
    max_ms: f64,
    qps: f64,
}

/// The ratios the targets are stated in, from this run: each the median of its rounds' ratios.
#[derive(Debug, Serialize)]
struct Ratios {
    /// Time of the sabiqa build over the stock-tokenizer build (both 2 threads).
    sabiqa_over_stock_time: f64,
    /// CPU time of the sabiqa build over the stock-tokenizer build (both 2 threads).
    sabiqa_over_stock_cpu: f64,
    /// Units/s with 2 threads over units/s with 1.
    two_over_one_throughput: f64,
    /// Each round's ratios, in the order of the rounds.
    rounds: Vec<RoundRatios>,
}

/// The ratios of one round of builds.
#[derive(Debug, Clone, Copy, Serialize)]
struct RoundRatios {
    sabiqa_over_stock_time: f64,
    sabiqa_over_stock_cpu: f64,
    two_over_one_throughput: f64,
}

impl RoundRatios {
    fn of(one: &Build, two: &Build, stock: &Build) -> Self {
        RoundRatios {
            sabiqa_over_stock_time: two.elapsed_s / stock.elapsed_s.max(1e-9),
            sabiqa_over_stock_cpu: two.cpu_s / stock.cpu_s.max(1e-9),
            two_over_one_throughput: two.units_per_s / one.units_per_s.max(1e-9),
        }
    }
}

impl Ratios {
    /// The median of each ratio over `rounds`.
    fn of_rounds(rounds: Vec<RoundRatios>) -> Self {
        let mid = |f: fn(&RoundRatios) -> f64| {
            median(&mut rounds.iter().map(f).collect::<Vec<_>>()).unwrap_or(f64::NAN)
        };
        Ratios {
            sabiqa_over_stock_time: mid(|r| r.sabiqa_over_stock_time),
            sabiqa_over_stock_cpu: mid(|r| r.sabiqa_over_stock_cpu),
            two_over_one_throughput: mid(|r| r.two_over_one_throughput),
            rounds,
        }
    }
}

/// The whole report.
#[derive(Debug, Serialize)]
struct Report {
    sabiqa_version: &'static str,
    collection: Collection,
    builds: Vec<Build>,
    ratios: Ratios,
    query_index: String,
    query_repeat: usize,
    /// Threads a pasted passage's search ran on (the others run on one).
    passage_threads: usize,
    /// Whole requests: ranking, plus loading, highlighting and pairing the 10 hits.
    queries: Vec<Latency>,
    queries_all: Latency,
    /// Ranking alone (reading the query, top 10, count): what the peers time.
    ranking: Vec<Latency>,
    ranking_all: Latency,
    /// Known-item queries: mean reciprocal rank of the source paragraph in the top 10.
    known_item: Option<KnownItem>,
    /// Each query's latency, in the set's order: which ones set a class's p99.
    per_query: Vec<QueryLatency>,
    /// sabiqa against each peer of `--peers`.
    peers: Vec<PeerRatios>,
}

/// One query's latency (median of the timed passes; `None` when it failed).
#[derive(Debug, Serialize)]
struct QueryLatency {
    class: String,
    /// As sabiqa was asked it.
    query: String,
    ms: Option<f64>,
    ranking_ms: Option<f64>,
}

/// How well known-item queries find their paragraph.
#[derive(Debug, Serialize)]
struct KnownItem {
    queries: usize,
    /// Mean of 1/rank of the first hit that carries the query's words (0 beyond rank 10).
    mrr10: f64,
    /// Queries whose first hit carries them.
    hits_at_1: usize,
}

/// sabiqa over one peer, on the same collection and queries.
#[derive(Debug, Serialize)]
struct PeerRatios {
    peer: String,
    /// The peer's indexing time over sabiqa's 2-thread build (above 1: sabiqa is faster);
    /// `None` when nothing was built (`--queries-only`).
    indexing_speedup: Option<f64>,
    /// The peer's known-item MRR@10, to compare with sabiqa's.
    known_item_mrr10: Option<f64>,
    /// Per class: sabiqa's ranking p50 and p99 over the peer's (below 1: sabiqa is faster).
    classes: Vec<ClassRatio>,
}

/// One query class's latency ratios.
#[derive(Debug, Serialize)]
struct ClassRatio {
    class: String,
    p50: f64,
    p99: f64,
}

/// The builds of one run: label, threads, stock tokenizer.
const BUILDS: [(&str, usize, bool); 3] = [
    ("sabiqa-1t", 1, false),
    ("sabiqa-2t", 2, false),
    ("stock-2t", 2, true),
];
/// The build whose index answers the queries.
const QUERY_BUILD: &str = "sabiqa-2t";

/// Runs `sabiqa bench`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let collection = collection(&args)?;
    eprintln!(
        "collection: {} files, {:.1} MB in {}",
        collection.files,
        collection.bytes as f64 / 1e6,
        collection.docs.display()
    );
    warm_page_cache(&collection.docs)?;

    let exe = std::env::current_exe().context("finding the sabiqa executable")?;
    let rounds = if args.queries_only {
        0
    } else {
        args.build_repeat.max(1)
    };
    // runs[build][round]
    let mut runs: Vec<Vec<Build>> = BUILDS.iter().map(|_| Vec::new()).collect();
    for round in 1..=rounds {
        for ((label, threads, stock), runs) in BUILDS.iter().zip(&mut runs) {
            eprintln!("building {label} (round {round} of {rounds}) ...");
            let dir = args.out.join(format!("index-{label}"));
            let build = build_in_child(&exe, &collection.docs, &dir, label, *threads, *stock)?;
            eprintln!(
                "  {:.2} s, {:.0} units/s, peak RSS {} MB",
                build.elapsed_s,
                build.units_per_s,
                build.peak_rss_kb / 1024
            );
            runs.push(build);
        }
    }
    let index_of = |wanted: &str| BUILDS.iter().position(|(label, _, _)| *label == wanted);
    let (Some(one), Some(two), Some(stock)) = (
        index_of("sabiqa-1t"),
        index_of("sabiqa-2t"),
        index_of("stock-2t"),
    ) else {
        bail!("a build is missing from the report");
    };
    let ratios = Ratios::of_rounds(
        (0..rounds)
            .map(|r| RoundRatios::of(&runs[one][r], &runs[two][r], &runs[stock][r]))
            .collect(),
    );
    let mut builds = Vec::new();
    for ((label, _, _), mut runs) in BUILDS.iter().zip(runs) {
        if runs.is_empty() {
            continue;
        }
        let times: Vec<f64> = runs.iter().map(|b| b.elapsed_s).collect();
        runs.sort_by(|a, b| a.elapsed_s.total_cmp(&b.elapsed_s));
        let mut build = runs.swap_remove(runs.len() / 2);
        build.elapsed_runs_s = times;
        builds.push(build);
        if !args.keep_indexes && *label != QUERY_BUILD {
            let _ = std::fs::remove_dir_all(args.out.join(format!("index-{label}")));
        }
    }

    eprintln!("querying ...");
    let set = queries::read(&collection.queries)?;
    let searcher = Searcher::open(&args.out.join(format!("index-{QUERY_BUILD}")))?;
    let measured = measure_queries(&searcher, &set, args.repeat.max(1));

    let mut report = Report {
        sabiqa_version: env!("CARGO_PKG_VERSION"),
        collection,
        builds,
        ratios,
        query_index: QUERY_BUILD.to_string(),
        query_repeat: args.repeat.max(1),
        passage_threads: searcher.passage_threads(),
        queries: measured.full,
        queries_all: measured.full_all,
        ranking: measured.ranking,
        ranking_all: measured.ranking_all,
        known_item: measured.known_item,
        per_query: measured.per_query,
        peers: Vec::new(),
    };
    if let Some(summary) = &args.peers {
        report.peers = peer_ratios(summary, &report)?;
    }
    print_table(&report);
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(0)
}

/// The collection to benchmark: the one given, or a generated one (reused when it matches).
fn collection(args: &Args) -> anyhow::Result<Collection> {
    if let Some(docs) = &args.corpus {
        let queries = match &args.queries {
            Some(q) => q.clone(),
            // The set in `--out` may be the one the peers ran (the generator's, written with
            // the collection): drawing another over it would compare different queries.
            None => {
                let q = args.out.join("queries.txt");
                if q.is_file() {
                    eprintln!(
                        "reusing the query set {} (delete it to draw one from {})",
                        q.display(),
                        docs.display()
                    );
                } else {
                    let rows = corpusgen::rows_of_collection(docs, queries::SAMPLE_ROWS)?;
                    let set = queries::draw(&rows, queries::PER_CLASS, args.seed)?;
                    queries::write(&q, &set)?;
                }
                q
            }
        };
        let (files, bytes) = files_and_bytes(docs)?;
        return Ok(Collection {
            docs: docs.clone(),
            paragraphs: None,
            seed: None,
            files,
            bytes,
            jsonl: None,
            queries,
        });
    }
    let Some(paragraphs) = args.paragraphs else {
        bail!("give --paragraphs N or --corpus DIR");
    };
    let docs = args.out.join("docs");
    let jsonl = args.out.join("paragraphs.jsonl");
    let generated_queries = args.out.join("queries.txt");
    let record = args.out.join("collection.json");
    if let Ok(previous) = std::fs::read_to_string(&record) {
        if let Ok(mut c) = serde_json::from_str::<Collection>(&previous) {
            if c.paragraphs == Some(paragraphs) && c.seed == Some(args.seed) && c.docs == docs {
                eprintln!("reusing the collection in {}", docs.display());
                if let Some(q) = &args.queries {
                    c.queries = q.clone();
                }
                return Ok(c);
            }
        }
    }
    let started = Instant::now();
    let report = corpusgen::generate(&GenOptions {
        paragraphs,
        seed: args.seed,
        corpus: args.source.clone(),
        out: docs.clone(),
        jsonl: Some(jsonl.clone()),
        queries: Some(generated_queries.clone()),
    })?;
    eprintln!(
        "generated {} units in {} documents in {:.1} s",
        report.units,
        report.documents,
        started.elapsed().as_secs_f64()
    );
    let mut c = Collection {
        docs,
        paragraphs: Some(paragraphs),
        seed: Some(args.seed),
        files: report.files,
        bytes: report.bytes,
        jsonl: Some(jsonl),
        queries: generated_queries,
    };
    std::fs::write(&record, serde_json::to_string_pretty(&c)?)
        .with_context(|| format!("writing {}", record.display()))?;
    if let Some(q) = &args.queries {
        c.queries = q.clone();
    }
    Ok(c)
}

fn text_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    Ok(out)
}

fn files_and_bytes(dir: &Path) -> anyhow::Result<(usize, u64)> {
    let files = text_files(dir)?;
    let bytes = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    Ok((files.len(), bytes))
}

/// Reads every document once, so no build pays for the disk.
fn warm_page_cache(dir: &Path) -> anyhow::Result<()> {
    for f in text_files(dir)? {
        let _ = std::fs::read(&f).with_context(|| format!("reading {}", f.display()))?;
    }
    Ok(())
}

/// Bytes of all files under `dir`.
fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                dir_bytes(&p)
            } else {
                std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}

/// Runs `sabiqa index --json --rebuild` in a child process and reads its report.
fn build_in_child(
    exe: &Path,
    docs: &Path,
    dir: &Path,
    label: &str,
    threads: usize,
    stock: bool,
) -> anyhow::Result<Build> {
    let _ = std::fs::remove_dir_all(dir);
    let mut cmd = Command::new(exe);
    cmd.arg("index")
        .arg("--json")
        .arg("--rebuild")
        .arg("--index")
        .arg(dir)
        .arg("--threads")
        .arg(threads.to_string())
        .env("RAYON_NUM_THREADS", threads.to_string());
    if stock {
        cmd.arg("--stock-tokenizer");
    }
    cmd.arg(docs);
    let pinned = pin_to_cores(&mut cmd, threads);
    let cpu_before = children_cpu_s();
    let started = Instant::now();
    let output = cmd
        .output()
        .with_context(|| format!("running {}", exe.display()))?;
    let wall_s = started.elapsed().as_secs_f64();
    let cpu_s = children_cpu_s() - cpu_before;
    // 0: indexed; 2 with a report: indexed, some files skipped.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let Some(json_line) = stdout.lines().rev().find(|l| l.starts_with('{')) else {
        bail!(
            "the {label} build failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    };
    let report: serde_json::Value = serde_json::from_str(json_line)
        .with_context(|| format!("reading the {label} build report"))?;
    let number = |k: &str| report.get(k).and_then(|v| v.as_f64()).unwrap_or(0.0);
    let elapsed_s = number("elapsed");
    let units = number("units");
    let bytes = number("bytes");
    Ok(Build {
        label: label.to_string(),
        threads,
        pinned,
        analysis: if stock { "stock" } else { "sabiqa" },
        elapsed_s,
        elapsed_runs_s: vec![elapsed_s],
        wall_s,
        cpu_s,
        documents: number("documents") as u64,
        units: units as u64,
        bytes: bytes as u64,
        mb_per_s: bytes / 1e6 / elapsed_s.max(1e-9),
        units_per_s: units / elapsed_s.max(1e-9),
        us_per_unit: elapsed_s * 1e6 / units.max(1.0),
        peak_rss_kb: number("peak_rss_kb") as u64,
        index_bytes: dir_bytes(dir),
        skipped: report
            .get("skipped")
            .and_then(|v| v.as_array())
            .map_or(0, Vec::len),
    })
}

/// Holds the child to the first `cores` CPUs: the indexer overlaps reading with indexing, so
/// without it a 1-thread build would still use a second core for its reader and the 2/1 ratio
/// would compare 2 cores with 1.4. Returns whether the child is held (Linux only).
#[cfg(target_os = "linux")]
fn pin_to_cores(cmd: &mut Command, cores: usize) -> bool {
    use std::os::unix::process::CommandExt;
    let available = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores >= available {
        return false;
    }
    // SAFETY: the closure runs in the child between fork and exec and only makes the
    // sched_setaffinity system call on a set built on its own stack (async-signal-safe).
    unsafe {
        cmd.pre_exec(move || {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            for cpu in 0..cores {
                libc::CPU_SET(cpu, &mut set);
            }
            if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    true
}

/// Elsewhere the child runs unpinned.
#[cfg(not(target_os = "linux"))]
fn pin_to_cores(_cmd: &mut Command, _cores: usize) -> bool {
    false
}

/// CPU seconds (user + system) of all children waited for so far (0 where unavailable).
fn children_cpu_s() -> f64 {
    // SAFETY: getrusage only writes into the zeroed struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) != 0 {
            return 0.0;
        }
        usage
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// Latencies per class (in [`queries::CLASSES`] order) and over all, of whole requests and of
/// their ranking part.
struct QueryFigures {
    full: Vec<Latency>,
    full_all: Latency,
    ranking: Vec<Latency>,
    ranking_all: Latency,
    known_item: Option<KnownItem>,
    per_query: Vec<QueryLatency>,
}

/// Latency of every query (median of `repeat` timed passes after one untimed pass), summed up
/// per class and over all.
fn measure_queries(
    searcher: &Searcher,
    set: &[queries::BenchQuery],
    repeat: usize,
) -> QueryFigures {
    let requests: Vec<SearchRequest> = set
        .iter()
        .map(|q| SearchRequest {
            query: q.to_sabiqa(),
            limit: 10,
            ..SearchRequest::default()
        })
        .collect();
    // The untimed pass: which queries fail, and where known items rank.
    let mut known_ranks = Vec::new();
    let failed: Vec<bool> = requests
        .iter()
        .zip(set)
        .map(|(r, q)| match searcher.search(r) {
            Ok(results) => {
                if q.class == KNOWN_ITEM && !q.source.is_empty() {
                    let words = squeeze(&q.text);
                    known_ranks.push(
                        results
                            .hits
                            .iter()
                            .position(|h| squeeze(&h.unit.text).contains(&words)),
                    );
                }
                false
            }
            Err(_) => true,
        })
        .collect();
    let known_item = (!known_ranks.is_empty()).then(|| KnownItem {
        queries: known_ranks.len(),
        mrr10: known_ranks
            .iter()
            .map(|r| r.map_or(0.0, |r| 1.0 / (r + 1) as f64))
            .sum::<f64>()
            / known_ranks.len() as f64,
        hits_at_1: known_ranks.iter().filter(|r| **r == Some(0)).count(),
    });
    let mut timings: Vec<Vec<f64>> = vec![Vec::with_capacity(repeat); requests.len()];
    let mut ranking_timings: Vec<Vec<f64>> = vec![Vec::with_capacity(repeat); requests.len()];
    for _ in 0..repeat {
        for (i, r) in requests.iter().enumerate() {
            if failed[i] {
                continue;
            }
            let started = Instant::now();
            let outcome = searcher.search(r);
            let ms = started.elapsed().as_secs_f64() * 1e3;
            if let Ok(results) = outcome {
                timings[i].push(ms);
                ranking_timings[i].push(results.ranking_ms);
            }
        }
    }
    let per_query = set
        .iter()
        .zip(&requests)
        .zip(timings.iter_mut().zip(&mut ranking_timings))
        .map(|((q, r), (full, ranking))| QueryLatency {
            class: q.class.clone(),
            query: r.query.clone(),
            ms: median(full),
            ranking_ms: median(ranking),
        })
        .collect();
    let (full, full_all) = per_class(set, &mut timings);
    let (ranking, ranking_all) = per_class(set, &mut ranking_timings);
    QueryFigures {
        full,
        full_all,
        ranking,
        ranking_all,
        known_item,
        per_query,
    }
}

/// The query class whose queries are a paragraph's first words.
const KNOWN_ITEM: &str = "known_item";

/// The words of a text without their punctuation, one space apart: the query generator drops
/// punctuation (الصغيرة؛ → الصغيرة), so a known item's words are found in its text this way.
fn squeeze(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// sabiqa's ratios to each peer of the peers' `summary.json`.
fn peer_ratios(summary: &Path, report: &Report) -> anyhow::Result<Vec<PeerRatios>> {
    let text = std::fs::read_to_string(summary)
        .with_context(|| format!("reading {}", summary.display()))?;
    let summary: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not the peers' summary.json", summary.display()))?;
    let sabiqa_s = report
        .builds
        .iter()
        .find(|b| b.label == QUERY_BUILD)
        .map(|b| b.elapsed_s);
    let Some(peers) = summary["peers"].as_object() else {
        bail!("the peers' summary has no \"peers\"");
    };
    let mut ratios = Vec::new();
    for (name, peer) in peers {
        let per_class = &summary["per_class"][name];
        let classes = report
            .ranking
            .iter()
            .filter_map(|ours| {
                let theirs = &per_class[&ours.class];
                let (p50, p99) = (theirs["p50_ms"].as_f64()?, theirs["p99_ms"].as_f64()?);
                Some(ClassRatio {
                    class: ours.class.clone(),
                    p50: ours.p50_ms / p50,
                    p99: ours.p99_ms / p99,
                })
            })
            .collect();
        ratios.push(PeerRatios {
            peer: name.clone(),
            indexing_speedup: sabiqa_s
                .map(|ours| peer["index_seconds"].as_f64().unwrap_or(0.0) / ours.max(1e-9)),
            known_item_mrr10: summary["quality"][name]["known_item_mrr10"].as_f64(),
            classes,
        });
    }
    Ok(ratios)
}

/// The latencies of each query (its median) summed up per class and over all.
fn per_class(set: &[queries::BenchQuery], timings: &mut [Vec<f64>]) -> (Vec<Latency>, Latency) {
    let medians: Vec<Option<f64>> = timings.iter_mut().map(|t| median(t)).collect();
    let mut classes: Vec<String> = queries::CLASSES.iter().map(|c| c.to_string()).collect();
    for q in set {
        if !classes.contains(&q.class) {
            classes.push(q.class.clone());
        }
    }
    let summarise = |class: &str, pick: &dyn Fn(usize) -> bool| -> Option<Latency> {
        let chosen: Vec<usize> = (0..set.len()).filter(|&i| pick(i)).collect();
        if chosen.is_empty() {
            return None;
        }
        let ms: Vec<f64> = chosen.iter().filter_map(|&i| medians[i]).collect();
        Some(latency(class, &ms, chosen.len() - ms.len()))
    };
    let per_class = classes
        .iter()
        .filter_map(|c| summarise(c, &|i| set[i].class == *c))
        .collect();
    let all = summarise("all", &|_| true).unwrap_or_else(|| latency("all", &[], 0));
    (per_class, all)
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

/// Percentile `p` (0–1) by linear interpolation between closest ranks (the peers' rule).
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let k = (sorted.len() - 1) as f64 * p;
    let (lo, hi) = (
        k.floor() as usize,
        (k.floor() as usize + 1).min(sorted.len() - 1),
    );
    sorted[lo] + (sorted[hi] - sorted[lo]) * (k - k.floor())
}

fn latency(class: &str, ms: &[f64], failed: usize) -> Latency {
    let mut sorted = ms.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mean = if sorted.is_empty() {
        0.0
    } else {
        sorted.iter().sum::<f64>() / sorted.len() as f64
    };
    Latency {
        class: class.to_string(),
        n: sorted.len(),
        failed,
        p50_ms: percentile(&sorted, 0.50),
        p95_ms: percentile(&sorted, 0.95),
        p99_ms: percentile(&sorted, 0.99),
        mean_ms: mean,
        max_ms: sorted.last().copied().unwrap_or(0.0),
        qps: if mean > 0.0 { 1e3 / mean } else { 0.0 },
    }
}

fn print_table(r: &Report) {
    println!(
        "collection: {} files, {:.1} MB ({})",
        r.collection.files,
        r.collection.bytes as f64 / 1e6,
        r.collection.docs.display()
    );
    if !r.builds.is_empty() {
        print_builds(r);
    }
    println!(
        "\nqueries on {} (top 10, median of {} passes; a pasted passage on {} threads), ms:",
        r.query_index, r.query_repeat, r.passage_threads
    );
    println!(
        "{:<12} {:>4} {:>7} {:>7} {:>7} {:>7} {:>8} {:>6}",
        "class", "n", "p50", "p95", "p99", "mean", "QPS", "failed"
    );
    for l in r.queries.iter().chain(std::iter::once(&r.queries_all)) {
        println!(
            "{:<12} {:>4} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>8.0} {:>6}",
            l.class, l.n, l.p50_ms, l.p95_ms, l.p99_ms, l.mean_ms, l.qps, l.failed
        );
    }
    if let Some(k) = &r.known_item {
        println!(
            "\nknown items: MRR@10 {:.3}, first {}/{}",
            k.mrr10, k.hits_at_1, k.queries
        );
    }
    println!("\nranking alone (the peers' scope: query, top 10 ids, count), ms:");
    println!(
        "{:<12} {:>4} {:>7} {:>7} {:>7} {:>7}",
        "class", "n", "p50", "p95", "p99", "mean"
    );
    for l in r.ranking.iter().chain(std::iter::once(&r.ranking_all)) {
        println!(
            "{:<12} {:>4} {:>7.3} {:>7.3} {:>7.3} {:>7.3}",
            l.class, l.n, l.p50_ms, l.p95_ms, l.p99_ms, l.mean_ms
        );
    }
    for p in &r.peers {
        println!(
            "\nagainst {}: indexing {} faster; known-item MRR@10 {}; ranking p50 / p99 as a share of its:",
            p.peer,
            p.indexing_speedup
                .map_or("?".to_string(), |x| format!("{x:.2}x")),
            p.known_item_mrr10.map_or("?".to_string(), |m| format!("{m:.3}"))
        );
        for c in &p.classes {
            println!("{:<12} {:>6.2} {:>6.2}", c.class, c.p50, c.p99);
        }
    }
}

/// The builds' table and ratios.
fn print_builds(r: &Report) {
    println!(
        "\n{:<10} {:>7} {:>7} {:>6} {:>9} {:>8} {:>9} {:>8} {:>7} {:>6}",
        "build",
        "units",
        "time s",
        "MB/s",
        "units/s",
        "µs/unit",
        "RSS MB",
        "index MB",
        "wall s",
        "CPU s"
    );
    for b in &r.builds {
        println!(
            "{:<10} {:>7} {:>7.2} {:>6.2} {:>9.0} {:>8.1} {:>9.0} {:>8.1} {:>7.2} {:>6.2}",
            b.label,
            b.units,
            b.elapsed_s,
            b.mb_per_s,
            b.units_per_s,
            b.us_per_unit,
            b.peak_rss_kb as f64 / 1024.0,
            b.index_bytes as f64 / 1e6,
            b.wall_s,
            b.cpu_s
        );
    }
    println!(
        "\nsabiqa/stock time {:.2}× (CPU {:.2}×)   2 threads/1 thread throughput {:.2}×",
        r.ratios.sabiqa_over_stock_time,
        r.ratios.sabiqa_over_stock_cpu,
        r.ratios.two_over_one_throughput
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_like_the_peers() {
        let s = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(percentile(&s, 0.5), 3.0);
        assert!((percentile(&s, 0.95) - 4.8).abs() < 1e-9);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0]), Some(2.5));
    }
}
