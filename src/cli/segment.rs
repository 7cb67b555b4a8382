//! `sabiqa segment [--json] PATH...`: the units of each document, for inspection and for
//! other tools.
//!
//! Directories are searched recursively (their `manifest.tsv` files are used). A file that
//! cannot be used is reported on stderr with its path and the reason and the others are still
//! processed; the exit status is then 2.

use sabiqa::ingest::{discover, load_document, manifests_for, Manifest};
use sabiqa::Unit;
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Flags of this subcommand.
#[derive(clap::Args)]
pub struct Args {
    /// Print one JSON object per unit (doc, kind, para, ordinal, lang, start, end, text).
    #[arg(long)]
    json: bool,
    /// Document files or directories holding them.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// One unit as printed with `--json`.
#[derive(Serialize)]
struct JsonUnit<'a> {
    doc: &'a str,
    kind: &'a str,
    para: Option<&'a str>,
    ordinal: u32,
    lang: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
}

/// Runs the subcommand; returns the exit code.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let (files, errors) = discover(&args.paths);
    let mut failed = !errors.is_empty();
    for error in errors {
        eprintln!("sabiqa: skipped {error}");
    }
    let manifest = manifests_for(&args.paths)?;
    match print_documents(&files, &manifest, args.json) {
        Ok(bad_files) => failed |= bad_files,
        // The reader went away (`sabiqa segment … | head`): nothing more to say.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.into()),
    }
    Ok(if failed { 2 } else { 0 })
}

/// Prints the units of every file; returns whether some file had to be skipped.
fn print_documents(files: &[PathBuf], manifest: &Manifest, json: bool) -> std::io::Result<bool> {
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for file in files {
        match load_document(file, manifest) {
            Ok(document) => {
                if !json {
                    let meta = &document.meta;
                    writeln!(
                        out,
                        "# {} ({}, {}) {} units: {}",
                        meta.id,
                        meta.lang,
                        meta.date.as_deref().unwrap_or("no date"),
                        document.units.len(),
                        meta.path.display()
                    )?;
                }
                for unit in &document.units {
                    if json {
                        serde_json::to_writer(&mut out, &json_unit(unit))?;
                        writeln!(out)?;
                    } else {
                        writeln!(out, "{}", plain_line(unit))?;
                    }
                }
            }
            Err(error) => {
                failed = true;
                eprintln!("sabiqa: skipped {error}");
            }
        }
    }
    out.flush()?;
    Ok(failed)
}

fn json_unit(unit: &Unit) -> JsonUnit<'_> {
    JsonUnit {
        doc: &unit.doc,
        kind: unit.kind.name(),
        para: unit.label.as_deref(),
        ordinal: unit.ordinal,
        lang: unit.lang.code(),
        start: unit.start,
        end: unit.end,
        text: &unit.text,
    }
}

/// Characters of text shown per unit in the plain listing.
const PREVIEW_CHARS: usize = 90;

fn plain_line(unit: &Unit) -> String {
    let mut preview: String = unit.text.chars().take(PREVIEW_CHARS).collect();
    if unit.text.chars().count() > PREVIEW_CHARS {
        preview.push('…');
    }
    format!(
        "{:>4}  {:<14} {:<10} {:>7}..{:<7} {}",
        unit.ordinal,
        unit.kind.name(),
        unit.label.as_deref().unwrap_or("-"),
        unit.start,
        unit.end,
        preview
    )
}
