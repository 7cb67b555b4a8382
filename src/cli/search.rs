//! `sabiqa search`: ranked paragraphs with anchors and highlighted snippets.

use anyhow::Context;
use sabiqa::index;
use sabiqa::present;
use sabiqa::search::{query::QueryOptions, SearchRequest, Searcher};
use sabiqa::{Lang, UnitKind};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Flags of `sabiqa search`.
#[derive(clap::Args)]
pub struct Args {
    /// Index directory (default: $SABIQA_INDEX, else ./sabiqa-index).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Hits to show (documents, with --group).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Hits to skip (pagination).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// One JSON object per hit.
    #[arg(long)]
    json: bool,
    /// Match the whole query exactly (normalised, unstemmed).
    #[arg(long)]
    exact: bool,
    /// Match "quoted phrases" stemmed too.
    #[arg(long, conflicts_with = "exact")]
    stem: bool,
    /// Search only this language (ar|en); default: by the script of each word.
    #[arg(long, alias = "in")]
    lang: Option<Lang>,
    /// Only this document id.
    #[arg(long)]
    doc: Option<String>,
    /// Only this unit kind (paragraph, sub_paragraph, heading, footnote, recommendation, other).
    #[arg(long)]
    kind: Option<UnitKind>,
    /// Group hits by document.
    #[arg(long)]
    group: bool,
    /// Show each hit's aligned unit in the other language.
    #[arg(long)]
    bilingual: bool,
    /// Return the units of this language: with `--in en --show ar`, English is searched and the
    /// Arabic renderings of the matching paragraphs are shown (with the English beside them).
    #[arg(long)]
    show: Option<Lang>,
    /// Colour: auto (on a terminal), always, never.
    #[arg(long, default_value = "auto")]
    color: String,
    /// The query: words, "phrases", AND/OR/NOT, +/-, prefix*. Several arguments are joined.
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
}

/// Runs `sabiqa search`; exit code 1 when nothing matched.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let dir = args.index.unwrap_or_else(index::default_index_dir);
    let searcher = Searcher::open(&dir)?;
    let request = SearchRequest {
        query: args.query.join(" "),
        limit: args.limit,
        offset: args.offset,
        options: QueryOptions {
            exact: args.exact,
            stem_phrases: args.stem,
            lang: args.lang,
        },
        doc: args.doc,
        kind: args.kind,
        group: args.group,
        show: args.show,
        ..SearchRequest::default()
    };
    let results = searcher.search(&request)?;
    let stdout = std::io::stdout();
    let colour = match args.color.as_str() {
        "always" => true,
        "never" => false,
        _ => stdout.is_terminal(),
    };
    let mut out = stdout.lock();
    let bilingual = args.bilingual || args.show.is_some();
    let hits: Vec<_> = if request.group {
        results.groups.iter().flat_map(|g| g.hits.iter()).collect()
    } else {
        results.hits.iter().collect()
    };
    if args.json {
        for hit in &hits {
            writeln!(out, "{}", present::hit_json(hit))?;
        }
    } else if request.group {
        for (g, group) in results.groups.iter().enumerate() {
            writeln!(
                out,
                "== {} ({} hits, best {:.2})",
                group.doc,
                group.hits.len(),
                group.score
            )?;
            for (i, hit) in group.hits.iter().enumerate() {
                write!(out, "{}", present::hit_text(hit, i + 1, colour, bilingual))?;
            }
            if g + 1 < results.groups.len() {
                writeln!(out)?;
            }
        }
    } else {
        for (i, hit) in hits.iter().enumerate() {
            write!(
                out,
                "{}",
                present::hit_text(hit, request.offset + i + 1, colour, bilingual)
            )?;
        }
    }
    if !args.json {
        writeln!(
            out,
            "{}{} matching units, {} shown, {:.1} ms",
            results.total,
            if results.total_at_least { "+" } else { "" },
            hits.len(),
            results.took_ms
        )
        .context("writing results")?;
    }
    Ok(if hits.is_empty() { 1 } else { 0 })
}
