//! The benchmark at smoke size, on the real corpus: the generator is deterministic, its
//! documents segment back into the units it wrote, its JSON lines and query set are complete,
//! and the whole-pipeline benchmark reports every figure. No timing is asserted.

mod common;

use sabiqa::corpusgen::{self, queries, GenOptions, Row};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SMOKE: usize = 2_500;

fn generate(corpus: &Path, dir: &Path, seed: u64) -> corpusgen::GenReport {
    corpusgen::generate(&GenOptions {
        paragraphs: SMOKE,
        seed,
        corpus: corpus.to_path_buf(),
        out: dir.join("docs"),
        jsonl: Some(dir.join("p.jsonl")),
        queries: Some(dir.join("q.txt")),
    })
    .expect("generation succeeds")
}

/// Every file of the collection, by name, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for sub in ["docs", ""] {
        let d = dir.join(sub);
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// The text with footnote markers (`⁽3⁾`) removed, as the units are written in the JSON lines.
fn without_note_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_marker = false;
    for c in text.chars() {
        match c {
            '⁽' => in_marker = true,
            '⁾' => in_marker = false,
            _ if !in_marker => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn same_seed_same_bytes_other_seed_other_collection() {
    let Some(corpus) = common::shared("corpus") else {
        return;
    };
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    generate(&corpus, a.path(), 11);
    generate(&corpus, b.path(), 11);
    generate(&corpus, c.path(), 12);
    let (sa, sb, sc) = (snapshot(a.path()), snapshot(b.path()), snapshot(c.path()));
    assert!(sa.len() > 5, "a collection of several files");
    assert_eq!(sa, sb, "one seed gives the same bytes");
    let docs_a: Vec<&Vec<u8>> = sa
        .iter()
        .filter(|(p, _)| p.starts_with("docs"))
        .map(|(_, v)| v)
        .collect();
    let docs_c: Vec<&Vec<u8>> = sc
        .iter()
        .filter(|(p, _)| p.starts_with("docs"))
        .map(|(_, v)| v)
        .collect();
    assert_ne!(docs_a, docs_c, "another seed gives another collection");
    assert_ne!(sa.get(Path::new("p.jsonl")), sc.get(Path::new("p.jsonl")));
}

#[test]
fn documents_jsonl_and_queries_describe_one_collection() {
    let Some(corpus) = common::shared("corpus") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = generate(&corpus, dir.path(), 5);
    assert_eq!(report.units, SMOKE);

    // One JSON line per unit written, each a unit of a file that exists, in that file's language.
    let jsonl = std::fs::read_to_string(dir.path().join("p.jsonl")).unwrap();
    let rows: Vec<Row> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), SMOKE);
    let mut per_file: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        assert_eq!(row.id, format!("{}#{}", row.doc, row.para));
        assert!(row.doc.ends_with(&format!(".{}", row.lang)), "{}", row.doc);
        assert!(!row.text.trim().is_empty());
        *per_file.entry(row.doc.clone()).or_default() += 1;
    }
    let text_files = std::fs::read_dir(dir.path().join("docs"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count();
    assert_eq!(per_file.len(), text_files);
    assert_eq!(report.files, text_files);

    // Every unit text is printed in its file; the files segment back into about as many units.
    let manifest = sabiqa::ingest::manifests_for(&[dir.path().join("docs")]).unwrap();
    let mut segmented = 0usize;
    for doc in per_file.keys() {
        let path = dir.path().join("docs").join(format!("{doc}.txt"));
        let text = without_note_markers(&std::fs::read_to_string(&path).unwrap());
        for row in rows.iter().filter(|r| &r.doc == doc) {
            assert!(
                text.contains(&row.text),
                "{} holds its unit {}",
                doc,
                row.id
            );
        }
        let document = sabiqa::ingest::load_document(&path, &manifest).unwrap();
        let numbered = document
            .units
            .iter()
            .filter(|u| u.kind == sabiqa::UnitKind::Paragraph || u.label.is_some())
            .count();
        assert!(numbered > 0, "{doc} has numbered paragraphs");
        segmented += document.units.len();
    }
    // Header lines and furniture may add units, merged lines may remove some: roughly equal.
    let ratio = segmented as f64 / SMOKE as f64;
    assert!(
        (0.8..1.6).contains(&ratio),
        "segmented {segmented} units of {SMOKE} written"
    );

    // The query set has every class, each query drawn from the collection's own text.
    let set = queries::read(&dir.path().join("q.txt")).unwrap();
    for class in queries::CLASSES {
        let n = set.iter().filter(|q| q.class == class).count();
        assert!(n > 0, "class {class} is present");
    }
    let texts: BTreeMap<&str, &str> = rows
        .iter()
        .map(|r| (r.id.as_str(), r.text.as_str()))
        .collect();
    for q in set
        .iter()
        .filter(|q| q.class.starts_with("phrase") || q.class == "known_item")
    {
        let source = texts
            .get(q.source.as_str())
            .expect("the source paragraph exists");
        let first = q.text.split_whitespace().next().unwrap();
        assert!(
            source.contains(first),
            "{:?} comes from {}",
            q.text,
            q.source
        );
    }
}

#[test]
fn the_pipeline_benchmark_reports_every_figure() {
    let Some(corpus) = common::shared("corpus") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("report.json");
    // A peer's summary in the format of peers/summarize.py, with round figures.
    let peer_p50 = 2.0;
    let per_class: serde_json::Map<String, serde_json::Value> = queries::CLASSES
        .iter()
        .map(|c| {
            (
                c.to_string(),
                serde_json::json!({"p50_ms": peer_p50, "p99_ms": 4.0}),
            )
        })
        .collect();
    let summary = serde_json::json!({
        "peers": {"lucene": {"index_seconds": 100.0}},
        "per_class": {"lucene": per_class},
        "quality": {"lucene": {"known_item_mrr10": 0.86}},
    });
    let peers = dir.path().join("summary.json");
    std::fs::write(&peers, summary.to_string()).unwrap();
    // `sabiqa bench` on a 2,000-unit collection in `work`, with the peer's summary: its table.
    let bench = |extra: &[&str], json: &Path| -> String {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_sabiqa"))
            .args(["bench", "--paragraphs", "2000", "--repeat", "1"])
            .args(extra)
            .arg("--out")
            .arg(dir.path().join("work"))
            .arg("--source")
            .arg(&corpus)
            .arg("--json")
            .arg(json)
            .arg("--peers")
            .arg(&peers)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "sabiqa bench {extra:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let table = bench(&["--build-repeat", "2"], &json);
    for heading in ["sabiqa-1t", "stock-2t", "known_item", "sabiqa/stock time"] {
        assert!(table.contains(heading), "the table shows {heading}");
    }
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let builds = report["builds"].as_array().unwrap();
    let labels: Vec<&str> = builds
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["sabiqa-1t", "sabiqa-2t", "stock-2t"]);
    for b in builds {
        for key in [
            "elapsed_s",
            "wall_s",
            "mb_per_s",
            "units_per_s",
            "us_per_unit",
        ] {
            assert!(b[key].as_f64().unwrap() > 0.0, "{key} of {}", b["label"]);
        }
        for key in ["units", "bytes", "peak_rss_kb", "index_bytes", "documents"] {
            assert!(b[key].as_u64().unwrap() > 0, "{key} of {}", b["label"]);
        }
        assert_eq!(b["skipped"].as_u64(), Some(0));
    }
    assert_eq!(
        builds[0]["units"], builds[2]["units"],
        "all builds index the same units"
    );
    for key in [
        "sabiqa_over_stock_time",
        "sabiqa_over_stock_cpu",
        "two_over_one_throughput",
    ] {
        assert!(report["ratios"][key].as_f64().unwrap() > 0.0, "{key}");
        let rounds = report["ratios"]["rounds"].as_array().unwrap();
        assert_eq!(rounds.len(), 2, "one set of ratios per round of builds");
        let mut per_round: Vec<f64> = rounds.iter().map(|r| r[key].as_f64().unwrap()).collect();
        per_round.sort_by(f64::total_cmp);
        let median = (per_round[0] + per_round[1]) / 2.0;
        assert!(
            (report["ratios"][key].as_f64().unwrap() - median).abs() < 1e-9,
            "{key} is the median of the rounds'"
        );
    }
    for b in builds {
        assert_eq!(
            b["elapsed_runs_s"].as_array().unwrap().len(),
            2,
            "two runs of each build"
        );
    }
    let classes: Vec<&str> = report["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["class"].as_str().unwrap())
        .collect();
    assert_eq!(classes, queries::CLASSES);
    for l in report["queries"]
        .as_array()
        .unwrap()
        .iter()
        .chain([&report["queries_all"]])
    {
        assert_eq!(
            l["failed"].as_u64(),
            Some(0),
            "no query of {} fails",
            l["class"]
        );
        assert!(l["n"].as_u64().unwrap() > 0);
        for key in ["p50_ms", "p95_ms", "p99_ms", "mean_ms", "qps"] {
            assert!(l[key].as_f64().unwrap() > 0.0, "{key} of {}", l["class"]);
        }
        assert!(l["p50_ms"].as_f64() <= l["p99_ms"].as_f64());
    }
    let report_queries_n = report["queries_all"]["n"].clone();
    // Each query's own latency, in the set's order, behind the classes' figures.
    let per_query = report["per_query"].as_array().unwrap();
    assert_eq!(Some(per_query.len() as u64), report_queries_n.as_u64());
    let slowest = per_query
        .iter()
        .map(|q| q["ms"].as_f64().unwrap())
        .fold(0.0, f64::max);
    assert_eq!(slowest, report["queries_all"]["max_ms"].as_f64().unwrap());
    for q in per_query {
        assert!(!q["query"].as_str().unwrap().is_empty());
        assert!(q["ranking_ms"].as_f64().unwrap() <= q["ms"].as_f64().unwrap());
    }
    // How the queries ran: a pasted passage on one thread a core (one on a single core).
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    assert_eq!(
        report["passage_threads"].as_u64(),
        Some(cores.clamp(1, sabiqa::search::MAX_SEARCH_THREADS) as u64)
    );
    // Known items are found (quality, not time): each query is a paragraph's first words.
    let known = &report["known_item"];
    assert!(known["queries"].as_u64().unwrap() > 0);
    assert!(known["mrr10"].as_f64().unwrap() >= 0.5, "{known}");
    // The ratios to the peer are sabiqa's figures over the peer's.
    let lucene = &report["peers"][0];
    assert_eq!(lucene["peer"], "lucene");
    assert_eq!(lucene["known_item_mrr10"], 0.86);
    let sabiqa_2t = builds[1]["elapsed_s"].as_f64().unwrap();
    let speedup = lucene["indexing_speedup"].as_f64().unwrap();
    assert!((speedup - 100.0 / sabiqa_2t).abs() < 1e-6 * speedup);
    for (ratio, ours) in lucene["classes"]
        .as_array()
        .unwrap()
        .iter()
        .zip(report["ranking"].as_array().unwrap())
    {
        assert_eq!(ratio["class"], ours["class"]);
        let expected = ours["p50_ms"].as_f64().unwrap() / peer_p50;
        assert!((ratio["p50"].as_f64().unwrap() - expected).abs() < 1e-9);
    }
    // Ranking alone is part of each whole request: per class, never more.
    let ranking = report["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), queries::CLASSES.len());
    for (rank, full) in ranking.iter().zip(report["queries"].as_array().unwrap()) {
        assert_eq!(rank["class"], full["class"]);
        let (r, f) = (
            rank["mean_ms"].as_f64().unwrap(),
            full["mean_ms"].as_f64().unwrap(),
        );
        assert!(
            r > 0.0 && r <= f,
            "{}: ranking {r} ms of {f} ms",
            rank["class"]
        );
    }
    // The 1-thread build is held to one core where the machine has more.
    if std::thread::available_parallelism().map_or(1, |n| n.get()) > 1 && cfg!(target_os = "linux")
    {
        assert_eq!(builds[0]["pinned"], true);
    }
    assert!(dir.path().join("work/paragraphs.jsonl").is_file());
    assert!(dir.path().join("work/index-sabiqa-2t").is_dir());
    assert!(
        !dir.path().join("work/index-sabiqa-1t").exists(),
        "only the queried index is kept"
    );

    // --queries-only times the same queries on the kept index and builds nothing.
    let again = dir.path().join("queries-only.json");
    bench(&["--queries-only"], &again);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&again).unwrap()).unwrap();
    assert_eq!(report["builds"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        report["queries_all"]["n"], report_queries_n,
        "the same queries"
    );
    assert_eq!(report["queries_all"]["failed"].as_u64(), Some(0));
    assert!(report["known_item"]["mrr10"].as_f64().unwrap() >= 0.5);
    // No build, so no indexing ratio; the ranking ratios are there.
    assert!(report["peers"][0]["indexing_speedup"].is_null());
    assert_eq!(
        report["peers"][0]["classes"].as_array().map(Vec::len),
        Some(queries::CLASSES.len())
    );

    // The same collection named by --corpus keeps the query set the peers ran (the
    // generator's), rather than drawing another over it.
    let peers_queries = std::fs::read(dir.path().join("work/queries.txt")).unwrap();
    let by_corpus = dir.path().join("by-corpus.json");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_sabiqa"))
        .args(["bench", "--queries-only", "--repeat", "1", "--corpus"])
        .arg(dir.path().join("work/docs"))
        .arg("--out")
        .arg(dir.path().join("work"))
        .arg("--json")
        .arg(&by_corpus)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "sabiqa bench --corpus failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        std::fs::read(dir.path().join("work/queries.txt")).unwrap(),
        peers_queries,
        "the peers' query set is left as it was"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&by_corpus).unwrap()).unwrap();
    assert_eq!(report["queries_all"]["n"], report_queries_n);
}
