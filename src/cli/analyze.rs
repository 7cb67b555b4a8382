//! `sabiqa analyze`: shows how a text is analysed (tokens, original offsets, positions), the
//! way Elasticsearch's `_analyze` shows why something matched or not.

use anyhow::{bail, Context};
use sabiqa::analyse::{analyse, View};
use sabiqa::Lang;
use std::io::Write;

/// Flags of this subcommand.
#[derive(clap::Args)]
pub struct Args {
    /// Language of the text (ar or en); detected from its letters when omitted.
    #[arg(long)]
    lang: Option<Lang>,
    /// Show the exact view (normalised, unstemmed) instead of the stemmed one.
    #[arg(long)]
    exact: bool,
    /// One JSON object per token (token, start, end, position), one per line.
    #[arg(long)]
    json: bool,
    /// The text to analyse; several arguments are joined by single spaces.
    #[arg(required = true)]
    text: Vec<String>,
}

/// Runs the subcommand; returns the exit code (1 when the text has no token).
pub fn run(args: Args) -> anyhow::Result<u8> {
    let text = args.text.join(" ");
    let lang = match args.lang.or_else(|| Lang::detect(&text)) {
        Some(lang) => lang,
        // No letters at all (numbers, symbols): both analyzers agree on those.
        None if !text.trim().is_empty() => Lang::En,
        None => bail!("nothing to analyse: the text is empty"),
    };
    let view = if args.exact { View::Exact } else { View::Stem };
    let tokens = analyse(&text, lang, view);

    let mut out = std::io::stdout().lock();
    if args.json {
        for token in &tokens {
            serde_json::to_writer(&mut out, token).context("writing JSON")?;
            writeln!(out).context("writing to stdout")?;
        }
    } else {
        writeln!(out, "language {lang}, {view} view, {} tokens", tokens.len())
            .context("writing to stdout")?;
        writeln!(
            out,
            "{:>4}  {:>6}  {:>6}  {:<24}  original",
            "pos", "start", "end", "token"
        )
        .context("writing to stdout")?;
        for token in &tokens {
            writeln!(
                out,
                "{:>4}  {:>6}  {:>6}  {:<24}  {}",
                token.position,
                token.start,
                token.end,
                token.token,
                &text[token.start..token.end]
            )
            .context("writing to stdout")?;
        }
    }
    Ok(if tokens.is_empty() { 1 } else { 0 })
}
