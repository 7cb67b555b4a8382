//! Helpers shared by the integration tests: where the real corpus lives.
#![allow(dead_code)]

use std::path::PathBuf;

/// The `shared/` folder beside the repository (override with `SABIQA_SHARED`).
///
/// Returns `None` (and says so) when it is absent, so the calling test can skip; under CI
/// (`CI=true`) an absent corpus is a failure, never a silent skip.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("SABIQA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
        panic!(
            "the shared corpus is missing at {} (set SABIQA_SHARED); under CI this is a failure",
            dir.display()
        );
    }
    eprintln!(
        "SKIPPED: the shared corpus is not at {} (set SABIQA_SHARED to run this test)",
        dir.display()
    );
    None
}

/// `shared/<rel>`, or `None` (test skipped) as for [`shared_dir`].
pub fn shared(rel: &str) -> Option<PathBuf> {
    shared_dir().map(|d| d.join(rel))
}

/// An index of the whole corpus (`shared/corpus`), built once per test binary in a temporary
/// directory, with its searcher and build report; `None` (test skipped) as for [`shared_dir`].
pub fn corpus_index() -> Option<&'static CorpusIndex> {
    static INDEX: std::sync::OnceLock<Option<CorpusIndex>> = std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            let corpus = shared("corpus")?;
            let dir = tempfile::tempdir().expect("temp dir");
            let options = sabiqa::index::BuildOptions {
                progress: false,
                ..sabiqa::index::BuildOptions::default()
            };
            let report =
                sabiqa::index::build(dir.path(), &[corpus], &options).expect("index builds");
            assert!(report.skipped.is_empty(), "skipped: {:?}", report.skipped);
            let searcher = sabiqa::search::Searcher::open(dir.path()).expect("index opens");
            Some(CorpusIndex {
                _dir: dir,
                searcher,
                report,
            })
        })
        .as_ref()
}

/// The corpus index of [`corpus_index`].
pub struct CorpusIndex {
    _dir: tempfile::TempDir,
    /// A searcher over it.
    pub searcher: sabiqa::search::Searcher,
    /// What the build reported.
    pub report: sabiqa::index::BuildReport,
}

/// Texts of units of the real corpus (`shared/corpus`), sampled: from every `file_step`-th file
/// every `unit_step`-th unit, starting at a different unit in each file. Empty (tests skipped)
/// as for [`shared_dir`].
pub fn sampled_unit_texts(file_step: usize, unit_step: usize) -> Vec<String> {
    let Some(corpus) = shared("corpus") else {
        return Vec::new();
    };
    let (files, _) = sabiqa::ingest::discover(std::slice::from_ref(&corpus));
    let manifest = sabiqa::ingest::manifests_for(&[corpus]).expect("manifests read");
    let mut texts = Vec::new();
    for (i, file) in files.iter().enumerate().step_by(file_step) {
        let doc = sabiqa::ingest::load_document(file, &manifest).expect("corpus file loads");
        for unit in doc.units.iter().skip(i % unit_step).step_by(unit_step) {
            texts.push(unit.text.clone());
        }
    }
    texts
}
