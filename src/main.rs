//! The `sabiqa` command: a thin shell over the library. Each subcommand lives in `cli/`, parses
//! its flags, calls the library, and maps the outcome to an exit status (0 success, 1 nothing
//! found, 2 an error occurred; `index` exits 2 when some files were skipped).

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cli;

/// sabiqa (سابقة): bilingual Arabic/English search over United Nations documents.
#[derive(Parser)]
#[command(name = "sabiqa", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show how a text is analysed: tokens, original offsets, positions.
    Analyze(cli::analyze::Args),
    /// Split UN document files into anchored units (paragraphs, footnotes, …).
    Segment(cli::segment::Args),
    /// Build or update an index of a collection.
    Index(cli::index::Args),
    /// Search an index for precedent wording.
    Search(cli::search::Args),
    /// Align two language versions of a document, for inspection.
    Align(cli::align::Args),
    /// Generate a benchmark collection by recombining the real corpus.
    GenCorpus(cli::gen_corpus::Args),
    /// Run the whole-pipeline benchmark.
    Bench(cli::bench::Args),
    /// Serve the search page and JSON API over HTTP (loopback by default).
    Serve(cli::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Analyze(args) => cli::analyze::run(args),
        Command::Segment(args) => cli::segment::run(args),
        Command::Index(args) => cli::index::run(args),
        Command::Search(args) => cli::search::run(args),
        Command::Align(args) => cli::align::run(args),
        Command::GenCorpus(args) => cli::gen_corpus::run(args),
        Command::Bench(args) => cli::bench::run(args),
        Command::Serve(args) => cli::serve::run(args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("sabiqa: {err:#}");
            ExitCode::from(2)
        }
    }
}
