//! `sabiqa serve`: the search page and JSON API over HTTP; with `--load N`, a bounded loopback
//! load test of the same server instead.

use anyhow::Context;
use sabiqa::index;
use sabiqa::search::Searcher;
use sabiqa::serve::{self, load, Limits};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Flags of `sabiqa serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Index directory (default: $SABIQA_INDEX, else ./sabiqa-index).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Address to listen on; loopback unless told otherwise.
    #[arg(long, default_value = serve::DEFAULT_ADDR)]
    addr: SocketAddr,
    /// Seconds one request may take (waiting for a search slot included).
    #[arg(long, default_value_t = 10.0)]
    timeout: f64,
    /// Instead of serving: start the server on a loopback port, send it this many searches
    /// from --clients concurrent clients, print queries/s and latency percentiles, and exit.
    #[arg(long, value_name = "REQUESTS")]
    load: Option<usize>,
    /// Concurrent clients for --load.
    #[arg(long, default_value_t = 8, requires = "load")]
    clients: usize,
    /// Queries for --load, one per line (in a .tsv file: the second column, header skipped);
    /// default: a built-in mix of Arabic and English queries.
    #[arg(long, requires = "load")]
    queries: Option<PathBuf>,
}

/// Runs `sabiqa serve` until Ctrl-C (or, with `--load`, until the load test ends).
pub fn run(args: Args) -> anyhow::Result<u8> {
    let dir = args.index.clone().unwrap_or_else(index::default_index_dir);
    let searcher = Searcher::open(&dir)?;
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        anyhow::bail!("--timeout must be a positive number of seconds");
    }
    let limits = Limits {
        request_timeout: Duration::from_secs_f64(args.timeout),
        ..Limits::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let router = serve::router(searcher, limits);
    match args.load {
        Some(requests) => {
            let options = load::LoadOptions {
                clients: args.clients,
                requests,
                queries: match &args.queries {
                    Some(path) => read_queries(path)?,
                    None => load::LoadOptions::default().queries,
                },
                ..load::LoadOptions::default()
            };
            runtime.block_on(load_test(router, options))
        }
        None => runtime.block_on(serve_forever(router, args.addr, &dir)),
    }
}

async fn serve_forever(
    router: axum::Router,
    addr: SocketAddr,
    dir: &std::path::Path,
) -> anyhow::Result<u8> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let bound = listener.local_addr().context("reading the bound address")?;
    if !bound.ip().is_loopback() {
        eprintln!("sabiqa: warning: listening on {bound}, reachable from other machines");
    }
    eprintln!(
        "sabiqa: serving {} at http://{bound}/ (Ctrl-C to stop)",
        dir.display()
    );
    let stop = async {
        // If the signal handler cannot be installed, serve until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    serve::serve(listener, router, stop)
        .await
        .context("serving")?;
    Ok(0)
}

async fn load_test(router: axum::Router, options: load::LoadOptions) -> anyhow::Result<u8> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .context("binding a loopback port")?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve::serve(listener, router, async {
        let _ = stopped.await;
    }));
    let report = tokio::task::spawn_blocking(move || load::run(&base, &options))
        .await
        .context("the load test panicked")?;
    let _ = stop.send(());
    server.await.context("the server panicked")??;
    println!("{report}");
    Ok(if report.errors == 0 { 0 } else { 2 })
}

fn read_queries(path: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading queries from {}", path.display()))?;
    let tsv = path.extension().is_some_and(|e| e == "tsv");
    let queries: Vec<String> = text
        .lines()
        .skip(usize::from(tsv))
        .filter_map(|line| {
            let q = if tsv { line.split('\t').nth(1)? } else { line };
            Some(q.trim().to_string()).filter(|q| !q.is_empty())
        })
        .collect();
    if queries.is_empty() {
        anyhow::bail!("{} holds no queries", path.display());
    }
    Ok(queries)
}
