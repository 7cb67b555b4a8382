//! `sabiqa align [--json] FILE_A FILE_B`: the alignment of two language versions, for
//! inspection.
//!
//! Text output lists the groups in order, each unit's anchor on one line and its text on the
//! next, so an Arabic text always stands on a line of its own and a bidirectional terminal
//! lays it out right to left. `--json` prints one object per group (JSON lines):
//! `{"a": [unit, …], "b": [unit, …]}`, a side empty for a unit without counterpart.

use anyhow::Context;
use sabiqa::align::{align, stats, AlignedGroup};
use sabiqa::ingest::{load_document, manifests_for};
use sabiqa::model::{Document, Unit};
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

/// Flags of `sabiqa align`.
#[derive(clap::Args)]
pub struct Args {
    /// One object per aligned group, one per line: {"a": [unit, …], "b": [unit, …]}.
    #[arg(long)]
    json: bool,
    /// The first version (e.g. the English file).
    file_a: PathBuf,
    /// The second version (e.g. the Arabic file).
    file_b: PathBuf,
}

/// A unit as `--json` prints it.
#[derive(Serialize)]
struct UnitOut<'a> {
    /// Canonical label (`16.3`, `fn11`), null when unlabelled.
    para: Option<&'a str>,
    kind: &'static str,
    ordinal: u32,
    lang: &'static str,
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> From<&'a Unit> for UnitOut<'a> {
    fn from(unit: &'a Unit) -> Self {
        UnitOut {
            para: unit.label.as_deref(),
            kind: unit.kind.name(),
            ordinal: unit.ordinal,
            lang: unit.lang.code(),
            text: &unit.text,
            start: unit.start,
            end: unit.end,
        }
    }
}

/// One aligned group as `--json` prints it.
#[derive(Serialize)]
struct GroupOut<'a> {
    a: Vec<UnitOut<'a>>,
    b: Vec<UnitOut<'a>>,
}

/// Loads both files, aligns them and prints the alignment; exit 1 when neither has any unit.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let paths = [args.file_a.clone(), args.file_b.clone()];
    let manifest = manifests_for(&paths).context("reading the manifests beside the files")?;
    let load = |path: &PathBuf| {
        load_document(path, &manifest).with_context(|| format!("loading {}", path.display()))
    };
    let (doc_a, doc_b) = (load(&args.file_a)?, load(&args.file_b)?);
    let groups = align(&doc_a.units, &doc_b.units);

    let mut out = BufWriter::new(io::stdout().lock());
    let written = if args.json {
        write_json(&mut out, &doc_a, &doc_b, &groups)
    } else {
        write_text(&mut out, &doc_a, &doc_b, &groups)
    }
    .and_then(|()| Ok(out.flush()?));
    match written {
        // The reader went away (`sabiqa align … | head`): nothing more to say.
        Err(err) if is_broken_pipe(&err) => {}
        other => other?,
    }
    Ok(if groups.is_empty() { 1 } else { 0 })
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    })
}

/// The units of `doc` at `indices` (indices come from [`align`], so they are in range; a bad
/// one is skipped rather than trusted).
fn units_at<'a>(doc: &'a Document, indices: &[usize]) -> Vec<&'a Unit> {
    indices.iter().filter_map(|&i| doc.units.get(i)).collect()
}

fn write_json(
    out: &mut impl Write,
    doc_a: &Document,
    doc_b: &Document,
    groups: &[AlignedGroup],
) -> anyhow::Result<()> {
    for group in groups {
        let line = GroupOut {
            a: units_at(doc_a, &group.a)
                .into_iter()
                .map(UnitOut::from)
                .collect(),
            b: units_at(doc_b, &group.b)
                .into_iter()
                .map(UnitOut::from)
                .collect(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

fn write_text(
    out: &mut impl Write,
    doc_a: &Document,
    doc_b: &Document,
    groups: &[AlignedGroup],
) -> anyhow::Result<()> {
    writeln!(
        out,
        "a: {} ({}, {} units)",
        doc_a.meta.path.display(),
        doc_a.meta.lang,
        doc_a.units.len()
    )?;
    writeln!(
        out,
        "b: {} ({}, {} units)",
        doc_b.meta.path.display(),
        doc_b.meta.lang,
        doc_b.units.len()
    )?;
    for (k, group) in groups.iter().enumerate() {
        writeln!(out)?;
        writeln!(
            out,
            "── group {} · {}–{} ──",
            k + 1,
            group.a.len(),
            group.b.len()
        )?;
        write_side(out, "a", doc_a, &group.a)?;
        write_side(out, "b", doc_b, &group.b)?;
    }
    let s = stats(groups);
    writeln!(out)?;
    writeln!(
        out,
        "{} groups: {} 1–1, {} 2–1/1–2, {} a units and {} b units without counterpart",
        s.groups, s.one_to_one, s.many, s.unpaired_a, s.unpaired_b
    )?;
    Ok(())
}

/// One side of a group: an anchor line per unit, then its text alone on the next line.
fn write_side(
    out: &mut impl Write,
    side: &str,
    doc: &Document,
    indices: &[usize],
) -> io::Result<()> {
    let units = units_at(doc, indices);
    if units.is_empty() {
        return writeln!(out, "{side} [{}] (no counterpart)", doc.meta.lang);
    }
    for unit in units {
        let label = unit
            .label
            .as_deref()
            .map(|l| format!(" ¶{l}"))
            .unwrap_or_default();
        writeln!(
            out,
            "{side} [{}] unit {}{label} · {}",
            unit.lang, unit.ordinal, unit.kind
        )?;
        writeln!(out, "{}", unit.text)?;
    }
    Ok(())
}
