//! The search page's files, compiled into the binary (no CDN: the page works offline).
//!
//! | file        | role                                                              |
//! |-------------|-------------------------------------------------------------------|
//! | `index.html`| the page's skeleton: the search form and empty result regions     |
//! | `app.js`    | state in the URL, calls to the API, DOM built with `textContent`  |
//! | `app.css`   | layout; right-to-left blocks and isolated mixed runs               |
//!
//! The script never hands document or user text to an HTML parser: every text goes in
//! through `textContent`, and highlights are `<mark>` elements built around whole words from
//! the API's byte ranges.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

/// `GET /`: the search page (its state — query, filters, view — lives in the URL).
pub async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        INDEX_HTML,
    )
        .into_response()
}

/// `GET /assets/{name}`: the page's script and style sheet; anything else is 404.
pub async fn asset(Path(name): Path<String>) -> Response {
    let (body, mime) = match name.as_str() {
        "app.js" => (APP_JS, "text/javascript; charset=utf-8"),
        "app.css" => (APP_CSS, "text/css; charset=utf-8"),
        _ => return super::api::not_found().await,
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}
