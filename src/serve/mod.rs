//! Serve stage: the engine over HTTP — a JSON API and a bilingual search page, in one binary.
//!
//! The server only reads: it holds one [`Searcher`] (tantivy readers are safe to share) and
//! runs every search on tokio's blocking pool, because tantivy is synchronous. The page's HTML,
//! CSS and JavaScript are compiled into the binary, so it works offline and needs no other
//! service.
//!
//! | route                 | answer                                                         |
//! |-----------------------|----------------------------------------------------------------|
//! | `GET /`               | the search page ([`assets`])                                   |
//! | `GET /assets/…`       | its script and style sheet                                     |
//! | `GET /api/search?q=…` | ranked hits, as `sabiqa search --json` gives them ([`api`])    |
//! | `GET /api/doc/{id}`   | a document's units in order, both language versions            |
//! | `GET /api/health`     | `{"status": "ok", …}`                                          |
//!
//! Limits ([`Limits`]) and what exceeding one answers — every error is `{"error": message}`:
//!
//! | what                                  | default     | status |
//! |---------------------------------------|-------------|--------|
//! | a query the parser cannot read        | —           | 400    |
//! | query length                          | 10 000 chars| 413    |
//! | `limit`                               | 1 ..= 100   | 400    |
//! | `offset + limit`                      | 10 000      | 400    |
//! | time for one request (queue + search) | 10 s        | 503    |
//! | searches running at once              | 2 × cores   | (queued) |
//! | an unknown document                   | —           | 404    |
//!
//! Why these limits: a loopback service still faces whatever a page or script sends it; a
//! bounded query, page and time keep one careless request from holding the blocking pool, and
//! a bounded number of searches at once keeps latency fair under load (extra requests wait
//! their turn, within the time limit). A pasted passage's search hands its segments and hits
//! to the searcher's pool (one thread a core, shared by every request), so those searches add
//! no threads of their own beyond it. Every response carries a strict Content-Security-Policy
//! (scripts and styles from the server only), so even a text that slipped past the page's
//! escaping could not run as script.

pub mod api;
pub mod assets;
pub mod load;

use crate::search::Searcher;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// The address `sabiqa serve` binds by default: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7878";

/// The bounds the server puts on each request (see the module table).
#[derive(Debug, Clone)]
pub struct Limits {
    /// Longest query accepted, in characters.
    pub max_query_chars: usize,
    /// Largest `limit` (hits, or groups, per page).
    pub max_limit: usize,
    /// Deepest page: `offset + limit` may not exceed this.
    pub max_depth: usize,
    /// Time allowed for one request, waiting for a search slot included.
    pub request_timeout: Duration,
    /// Searches that may run at once; more wait for a slot.
    pub concurrent_searches: usize,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Limits {
            max_query_chars: 10_000,
            max_limit: 100,
            max_depth: 10_000,
            request_timeout: Duration::from_secs(10),
            concurrent_searches: 2 * cores,
        }
    }
}

/// What every request handler shares: the searcher, the limits, the search slots.
pub(crate) struct AppState {
    searcher: Searcher,
    limits: Limits,
    slots: Arc<Semaphore>,
}

/// The whole application: API, page and assets, with security headers on every response.
/// Bind it with [`serve`] (or `axum::serve`); tests bind `127.0.0.1:0`.
pub fn router(searcher: Searcher, limits: Limits) -> Router {
    let slots = Arc::new(Semaphore::new(limits.concurrent_searches.max(1)));
    let state = Arc::new(AppState {
        searcher,
        limits,
        slots,
    });
    Router::new()
        .route("/", get(assets::page))
        .route("/assets/{name}", get(assets::asset))
        .route("/api/search", get(api::search))
        .route("/api/doc/{*id}", get(api::document))
        .route("/api/health", get(api::health))
        .fallback(api::not_found)
        .with_state(state)
        .layer(axum::middleware::map_response(security_headers))
}

/// Serves `router` on `listener` until `shutdown` completes, then finishes the requests in
/// flight.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Headers that make the browser treat every response as strictly as it can: no script or
/// style from anywhere but this server, no inline script, no framing, no MIME sniffing.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
             img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}
