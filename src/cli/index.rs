//! `sabiqa index`: build or update an index of a collection.

use anyhow::Context;
use sabiqa::index::{self, Analysis, BuildOptions};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Flags of `sabiqa index`.
#[derive(clap::Args)]
pub struct Args {
    /// Index directory (default: $SABIQA_INDEX, else ./sabiqa-index).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Files or directories of UN documents (searched recursively for .txt files; a
    /// `manifest.tsv` in a directory gives metadata, see README.md).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Empty the index first (in the same commit as the new documents).
    #[arg(long)]
    rebuild: bool,
    /// tantivy indexing threads (default: the machine's cores, at most 8).
    #[arg(long)]
    threads: Option<usize>,
    /// tantivy's memory budget in MiB (1,048,576 bytes), shared by the threads (default: 768,
    /// and at least 128 per thread).
    #[arg(long)]
    heap_mb: Option<usize>,
    /// Index with tantivy's stock tokenizer instead of sabiqa's analysis, the common grams
    /// formed from its tokens (benchmark floor).
    #[arg(long, hide = true)]
    stock_tokenizer: bool,
    /// Print the report as JSON on stdout.
    #[arg(long)]
    json: bool,
}

/// Runs `sabiqa index`; exit code 2 when files were skipped.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let dir = args.index.unwrap_or_else(index::default_index_dir);
    let mut options = BuildOptions::default();
    if let Some(threads) = args.threads {
        options.threads = threads.max(1);
        options.heap_bytes = index::default_heap_bytes(options.threads);
    }
    if let Some(mb) = args.heap_mb {
        options.heap_bytes = mb * 1024 * 1024;
    }
    options.rebuild = args.rebuild;
    options.progress = std::io::stderr().is_terminal();
    if args.stock_tokenizer {
        options.analysis = Analysis::Stock;
    }
    let report = index::build(&dir, &args.paths, &options)
        .with_context(|| format!("indexing into {}", dir.display()))?;
    for s in &report.skipped {
        eprintln!("skipped {}: {}", s.path.display(), s.reason);
    }
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        println!(
            "indexed {} documents, {} units in {:.2} s ({:.1} MB/s, {:.0} units/s) into {}",
            report.documents,
            report.units,
            report.elapsed.as_secs_f64(),
            report.mb_per_sec(),
            report.units_per_sec(),
            dir.display()
        );
        println!(
            "bilingual pairs {}, single-language documents {}, aligned units {}, units without counterpart {}, skipped files {}",
            report.bilingual_pairs,
            report.single_language,
            report.aligned_units,
            report.unaligned_units,
            report.skipped.len()
        );
    }
    Ok(if report.skipped.is_empty() { 0 } else { 2 })
}
