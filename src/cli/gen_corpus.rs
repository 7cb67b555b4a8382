//! `sabiqa gen-corpus`: write a benchmark collection recombined from the real corpus (rules in
//! [`sabiqa::corpusgen`]).

use anyhow::Context;
use sabiqa::corpusgen::{self, GenOptions};
use std::path::PathBuf;

/// Flags of `sabiqa gen-corpus`.
#[derive(clap::Args)]
pub struct Args {
    /// Units to write (paragraphs, sub-paragraphs, headings, footnotes of every version).
    #[arg(long)]
    pub paragraphs: usize,
    /// Seed of the generator: the same seed and corpus give the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folder for the documents (created; must be empty or a former gen-corpus output).
    #[arg(long)]
    pub out: PathBuf,
    /// Also write the units as the peers' paragraph JSON lines.
    #[arg(long)]
    pub jsonl: Option<PathBuf>,
    /// Also write a query set (peers' QUERIES.txt format, with .meta.tsv and .boolean.txt).
    #[arg(long)]
    pub queries: Option<PathBuf>,
    /// The real corpus to recombine.
    #[arg(long, default_value = "../shared/corpus")]
    pub corpus: PathBuf,
}

impl Args {
    /// The library's options.
    pub fn options(&self) -> GenOptions {
        GenOptions {
            paragraphs: self.paragraphs,
            seed: self.seed,
            corpus: self.corpus.clone(),
            out: self.out.clone(),
            jsonl: self.jsonl.clone(),
            queries: self.queries.clone(),
        }
    }
}

/// Runs `sabiqa gen-corpus`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let report = corpusgen::generate(&args.options())
        .with_context(|| format!("generating a collection in {}", args.out.display()))?;
    println!(
        "{} units in {} documents ({} bilingual), {} files, {:.1} MB, {} queries, from {} source files",
        report.units,
        report.documents,
        report.bilingual_documents,
        report.files,
        report.bytes as f64 / 1e6,
        report.queries,
        report.source_files
    );
    Ok(0)
}
