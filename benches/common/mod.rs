//! Helpers shared by the criterion benches: where the real corpus lives.
#![allow(dead_code)]

use sabiqa::ingest::{discover, manifests_for, Manifest};
use std::path::PathBuf;

/// The `shared/` folder beside the repository (override with `SABIQA_SHARED`).
pub fn shared_dir() -> PathBuf {
    std::env::var_os("SABIQA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

/// The files of `corpus/<set>` with their manifest, in path order; `None` (and a message, so
/// the bench is visibly skipped) when the corpus is absent.
pub fn corpus_files(set: &str) -> Option<(Vec<PathBuf>, Manifest)> {
    let dir = shared_dir().join("corpus").join(set);
    if !dir.is_dir() {
        eprintln!("SKIPPED: no corpus at {}", dir.display());
        return None;
    }
    let manifest = manifests_for(std::slice::from_ref(&dir)).unwrap_or_default();
    let (files, _) = discover(&[dir]);
    Some((files, manifest))
}
