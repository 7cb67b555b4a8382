//! The JSON API: request parameters, their validation, and the shape of the answers.
//!
//! A hit is exactly the object of `sabiqa search --json` ([`present::hit_json`]), plus three
//! fields the page needs: `fragments` (the snippet's byte ranges of `text`, as `highlights`),
//! `cite` (the human citation, "A/RES/76/7, para. 16 (a)") and `title`; its `counterparts` carry
//! `cite` too.
//!
//! | parameter             | meaning                                   | when absent / empty |
//! |-----------------------|-------------------------------------------|---------------------|
//! | `q`                   | the query, in the CLI's syntax            | 400                 |
//! | `limit`, `offset`     | page size (1..=100) and start             | 10, 0               |
//! | `lang`                | `ar` or `en`: search only that language   | both                |
//! | `doc`                 | only this document id                     | all                 |
//! | `kind`                | only this unit kind                       | all                 |
//! | `show`                | `ar` or `en`: return each hit's aligned unit(s) in that language, the matched unit as counterpart; hits with none are left out | the hits themselves |
//! | `date_from`, `date_to`| `YYYY[-MM[-DD]]`, inclusive               | unbounded           |
//! | `exact`, `stem`, `group` | flags: `1`/`true`/`on` or `0`/`false`/`off` | off           |
//!
//! An unknown parameter is a 400 (a typo should not silently widen a search). JSON answers
//! escape `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`: the same JSON to a parser, and inert
//! should a careless client ever paste it into HTML.

use super::{AppState, Limits};
use crate::present;
use crate::search::query::QueryOptions;
use crate::search::{Hit, SearchRequest, SearchResults, Searcher, UnitRecord};
use crate::{Error, Lang, UnitKind};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// Longest document id accepted, in bytes.
const MAX_DOC_ID_BYTES: usize = 256;
/// Hits per page when `limit` is not given.
const DEFAULT_LIMIT: usize = 10;

/// An error answer: a status and a message, sent as `{"error": message}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong, for a person.
    pub message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        let status = match e {
            Error::Query(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        JsonBody(json!({ "error": self.message })).with_status(self.status)
    }
}

/// A JSON answer, serialised with `<`, `>` and `&` escaped (see the module docs).
pub struct JsonBody(pub Value);

impl JsonBody {
    fn with_status(self, status: StatusCode) -> Response {
        (
            status,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            html_safe_json(&self.0),
        )
            .into_response()
    }
}

impl IntoResponse for JsonBody {
    fn into_response(self) -> Response {
        self.with_status(StatusCode::OK)
    }
}

/// `value` as JSON text in which `<`, `>` and `&` appear only as `\u` escapes. Those characters
/// can only occur inside JSON strings, where the escape means the same character.
pub fn html_safe_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// The query string of `GET /api/search`, as sent (every value a string; see the module table).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// The query.
    pub q: Option<String>,
    /// Hits (groups, with `group`) per page.
    pub limit: Option<String>,
    /// Hits (groups) to skip.
    pub offset: Option<String>,
    /// `ar` or `en`.
    pub lang: Option<String>,
    /// A document id.
    pub doc: Option<String>,
    /// A unit kind.
    pub kind: Option<String>,
    /// Whole query exact.
    pub exact: Option<String>,
    /// Quoted phrases stemmed too.
    pub stem: Option<String>,
    /// Group by document.
    pub group: Option<String>,
    /// `ar` or `en`: return the aligned units of this language (the translator's view).
    pub show: Option<String>,
    /// Earliest date.
    pub date_from: Option<String>,
    /// Latest date.
    pub date_to: Option<String>,
}

/// A parameter's value, `None` when absent or blank (as an empty form field sends it).
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn flag(name: &str, value: &Option<String>) -> Result<bool, ApiError> {
    match given(value).map(str::to_ascii_lowercase).as_deref() {
        None | Some("0" | "false" | "off" | "no") => Ok(false),
        Some("1" | "true" | "on" | "yes") => Ok(true),
        Some(other) => Err(ApiError::bad_request(format!(
            "{name}={other:?}: expected 1/true/on or 0/false/off"
        ))),
    }
}

fn number(name: &str, value: &Option<String>, default: usize) -> Result<usize, ApiError> {
    match given(value) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| {
            ApiError::bad_request(format!("{name}={v:?}: expected a whole number ≥ 0"))
        }),
    }
}

/// A date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (dates are compared as ISO strings).
fn date(name: &str, value: &Option<String>) -> Result<Option<String>, ApiError> {
    let Some(v) = given(value) else {
        return Ok(None);
    };
    let shape_ok = v.len() <= 10
        && v.split('-').enumerate().all(|(i, part)| {
            let width = if i == 0 { 4 } else { 2 };
            i < 3 && part.len() == width && part.bytes().all(|b| b.is_ascii_digit())
        });
    if shape_ok {
        Ok(Some(v.to_string()))
    } else {
        Err(ApiError::bad_request(format!(
            "{name}={v:?}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD"
        )))
    }
}

/// Checks a document id before it is looked up. Ids are only ever compared with the index's
/// `doc` field, never used as a path; the rule still refuses what no id looks like (control
/// characters, backslashes, `.`/`..` segments, a leading `/`, over 256 bytes), so a probe for
/// files gets a clear 400.
pub fn validate_doc_id(id: &str) -> Result<(), ApiError> {
    let why = if id.is_empty() {
        Some("is empty")
    } else if id.len() > MAX_DOC_ID_BYTES {
        Some("is longer than 256 bytes")
    } else if id.chars().any(|c| c.is_control() || c == '\\') {
        Some("contains control characters or backslashes")
    } else if id.starts_with('/') || id.split('/').any(|s| s == "." || s == "..") {
        Some("looks like a file path")
    } else {
        None
    };
    match why {
        None => Ok(()),
        Some(why) => Err(ApiError::bad_request(format!(
            "document id {:?} {why}",
            id.chars().take(80).collect::<String>()
        ))),
    }
}

impl SearchParams {
    /// The search these parameters ask for, within `limits`.
    pub fn to_request(&self, limits: &Limits) -> Result<SearchRequest, ApiError> {
        let query = self.q.clone().unwrap_or_default();
        let chars = query.chars().count();
        if chars > limits.max_query_chars {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the query has {chars} characters; at most {} are accepted",
                    limits.max_query_chars
                ),
            ));
        }
        if query.trim().is_empty() {
            return Err(ApiError::bad_request("the query is empty: give q=…"));
        }
        let limit = number("limit", &self.limit, DEFAULT_LIMIT)?;
        if limit == 0 || limit > limits.max_limit {
            return Err(ApiError::bad_request(format!(
                "limit={limit}: expected 1 to {}",
                limits.max_limit
            )));
        }
        let offset = number("offset", &self.offset, 0)?;
        if offset.saturating_add(limit) > limits.max_depth {
            return Err(ApiError::bad_request(format!(
                "offset + limit = {}: results are served to depth {} (narrow the query)",
                offset.saturating_add(limit),
                limits.max_depth
            )));
        }
        let lang = match given(&self.lang) {
            None | Some("any") => None,
            Some(l) => Some(l.parse::<Lang>().map_err(ApiError::bad_request)?),
        };
        let show = given(&self.show)
            .map(|l| l.parse::<Lang>().map_err(ApiError::bad_request))
            .transpose()?;
        let kind = given(&self.kind)
            .map(|k| k.parse::<UnitKind>().map_err(ApiError::bad_request))
            .transpose()?;
        let doc = given(&self.doc).map(str::to_string);
        if let Some(doc) = &doc {
            validate_doc_id(doc)?;
        }
        let exact = flag("exact", &self.exact)?;
        let stem_phrases = flag("stem", &self.stem)?;
        if exact && stem_phrases {
            return Err(ApiError::bad_request(
                "exact and stem contradict each other: give one",
            ));
        }
        Ok(SearchRequest {
            query,
            limit,
            offset,
            options: QueryOptions {
                exact,
                stem_phrases,
                lang,
            },
            doc,
            kind,
            date_from: date("date_from", &self.date_from)?,
            date_to: date("date_to", &self.date_to)?,
            group: flag("group", &self.group)?,
            show,
        })
    }
}

/// How the page names a labelled unit: canonical label prefix (see `segment::labels`) → words.
const LABEL_WORDS: &[(&str, &str)] = &[
    ("goal", "Goal"),
    ("art", "article"),
    ("rec", "recommendation"),
    ("fn", "footnote"),
];

/// How the page cites a unit: "A/RES/76/7, para. 16 (a)", "…, footnote 11", "…, article 18",
/// "…, Goal 16", "…, recommendation 5 (a)", or "…, unit 7" for unlabelled text (its ordinal).
/// The symbol, else the document id.
pub fn cite(unit: &UnitRecord) -> String {
    let doc = unit.symbol.as_deref().unwrap_or(&unit.doc);
    let Some(label) = unit.para.as_deref() else {
        return format!("{doc}, unit {}", unit.ordinal);
    };
    let (word, rest) = LABEL_WORDS
        .iter()
        .find_map(|(prefix, word)| {
            label
                .strip_prefix(prefix)
                .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()))
                .map(|n| (*word, n))
        })
        .unwrap_or(("para.", label));
    // UN style puts a space before each lettered part: "16 (a) (i)".
    let mut spaced = String::with_capacity(rest.len() + 4);
    for (i, c) in rest.char_indices() {
        if c == '(' && i > 0 && !spaced.ends_with(' ') {
            spaced.push(' ');
        }
        spaced.push(c);
    }
    format!("{doc}, {word} {spaced}")
}

/// One hit as the API sends it: [`present::hit_json`] plus `fragments`, `cite`, `title`.
pub fn hit_object(hit: &Hit) -> Value {
    let mut value = present::hit_json(hit);
    if let Value::Object(map) = &mut value {
        map.insert(
            "fragments".into(),
            json!(hit
                .fragments
                .iter()
                .map(|r| [r.start, r.end])
                .collect::<Vec<_>>()),
        );
        map.insert("cite".into(), json!(cite(&hit.unit)));
        map.insert("title".into(), json!(hit.unit.title));
        if let Some(Value::Array(counterparts)) = map.get_mut("counterparts") {
            for (object, unit) in counterparts.iter_mut().zip(&hit.counterparts) {
                if let Value::Object(c) = object {
                    c.insert("cite".into(), json!(cite(unit)));
                }
            }
        }
    }
    value
}

/// The answer to a search: `query`, `total` (with `total_at_least` when counting stopped
/// there), `took_ms`, `offset`, `limit`, `hits` and, with `group`, `groups` (`{doc, score, hits}`).
pub fn results_object(request: &SearchRequest, results: &SearchResults) -> Value {
    json!({
        "query": request.query,
        "total": results.total,
        "total_at_least": results.total_at_least,
        "took_ms": results.took_ms,
        "offset": request.offset,
        "limit": request.limit,
        "hits": results.hits.iter().map(hit_object).collect::<Vec<_>>(),
        "groups": results.groups.iter().map(|g| json!({
            "doc": g.doc,
            "score": g.score,
            "hits": g.hits.iter().map(hit_object).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// A document as the API sends it: `doc`, and `versions`, one per language file, each with its
/// metadata and `units` in order (`para`, `kind`, `ordinal`, `text`, `cite`, and `counterparts`:
/// the ordinals of the aligned units in the other version).
pub fn document_object(id: &str, units: &[UnitRecord]) -> Value {
    let mut versions: Vec<Value> = Vec::new();
    let mut current: Option<(&str, &str)> = None;
    for unit in units {
        let key = (unit.lang.as_str(), unit.path.as_str());
        if current != Some(key) {
            current = Some(key);
            versions.push(json!({
                "lang": unit.lang,
                "path": unit.path,
                "symbol": unit.symbol,
                "title": unit.title,
                "date": unit.date,
                "units": [],
            }));
        }
        if let Some(Value::Array(list)) = versions.last_mut().and_then(|v| v.get_mut("units")) {
            list.push(json!({
                "para": unit.para,
                "kind": unit.kind,
                "ordinal": unit.ordinal,
                "text": unit.text,
                "cite": cite(unit),
                "counterparts": unit.counterpart_ordinals,
            }));
        }
    }
    json!({ "doc": id, "versions": versions })
}

impl AppState {
    /// Runs `job` on the blocking pool once a search slot is free, all within the request time
    /// limit. A job that overruns keeps its slot until it ends, so overload queues rather than
    /// piling work onto the pool.
    async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(&Searcher) -> crate::Result<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let limit = self.limits.request_timeout;
        let deadline = tokio::time::Instant::now() + limit;
        let too_slow = || {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the request did not finish within {:.1} s; narrow the query or retry",
                    limit.as_secs_f64()
                ),
            )
        };
        let slot = tokio::time::timeout_at(deadline, self.slots.clone().acquire_owned())
            .await
            .map_err(|_| too_slow())?
            .map_err(|_| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
        if tokio::time::Instant::now() >= deadline {
            // The time ran out while waiting for a slot: do not start a search nobody awaits.
            return Err(too_slow());
        }
        let searcher = self.searcher.clone();
        let task = tokio::task::spawn_blocking(move || {
            let _slot = slot;
            job(&searcher)
        });
        match tokio::time::timeout_at(deadline, task).await {
            Err(_) => Err(too_slow()),
            Ok(Err(join)) => Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the search failed: {join}"),
            )),
            Ok(Ok(outcome)) => outcome.map_err(ApiError::from),
        }
    }
}

/// `GET /api/search`.
pub(crate) async fn search(
    State(app): State<Arc<AppState>>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<JsonBody, ApiError> {
    let Query(params) = params.map_err(|r| ApiError::bad_request(r.body_text()))?;
    let request = params.to_request(&app.limits)?;
    let job = request.clone();
    let results = app.run(move |searcher| searcher.search(&job)).await?;
    Ok(JsonBody(results_object(&request, &results)))
}

/// `GET /api/doc/{id}`: the id may contain `/` (UN symbols do); send it percent-encoded or not.
pub(crate) async fn document(
    State(app): State<Arc<AppState>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<JsonBody, ApiError> {
    let Path(id) = id.map_err(|r| ApiError::bad_request(r.body_text()))?;
    validate_doc_id(&id)?;
    let wanted = id.clone();
    let units = app.run(move |searcher| searcher.document(&wanted)).await?;
    if units.is_empty() {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no document with id {id:?}"),
        ));
    }
    Ok(JsonBody(document_object(&id, &units)))
}

/// `GET /api/health`.
pub(crate) async fn health() -> JsonBody {
    JsonBody(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

/// Any other path: a JSON 404.
pub(crate) async fn not_found() -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such resource: the page is at /, the API under /api/ (search, doc/{id}, health)",
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parameters as the query string would carry them (decoded).
    fn params(pairs: &[(&str, &str)]) -> SearchParams {
        let map: serde_json::Map<String, Value> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect();
        serde_json::from_value(Value::Object(map)).expect("known parameters")
    }

    #[test]
    fn parameters_become_a_request_within_the_limits() {
        let limits = Limits::default();
        let r = params(&[
            ("q", "trafficking"),
            ("limit", "20"),
            ("offset", "40"),
            ("lang", "ar"),
            ("kind", "sub-paragraph"),
            ("group", "on"),
            ("date_from", "2019"),
            ("date_to", "2021-11-22"),
            ("doc", "A/RES/76/7"),
            ("show", "en"),
        ])
        .to_request(&limits)
        .expect("valid");
        assert_eq!((r.limit, r.offset, r.group), (20, 40, true));
        assert_eq!(r.options.lang, Some(Lang::Ar));
        assert_eq!(r.kind, Some(UnitKind::SubParagraph));
        assert_eq!(r.date_from.as_deref(), Some("2019"));
        assert_eq!(r.doc.as_deref(), Some("A/RES/76/7"));
        assert_eq!(r.show, Some(Lang::En));
        let blank = params(&[("q", "x"), ("lang", ""), ("limit", ""), ("exact", "")])
            .to_request(&limits)
            .expect("blank fields are absent");
        assert_eq!(
            (blank.limit, blank.options.lang, blank.options.exact),
            (10, None, false)
        );
    }

    #[test]
    fn bad_parameters_are_refused_with_a_reason() {
        let limits = Limits::default();
        let status = |pairs: &[(&str, &str)]| match params(pairs).to_request(&limits) {
            Ok(_) => StatusCode::OK,
            Err(e) => {
                assert!(!e.message.is_empty());
                e.status
            }
        };
        assert_eq!(status(&[("q", "  ")]), StatusCode::BAD_REQUEST);
        assert_eq!(
            status(&[("q", "x"), ("limit", "0")]),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(&[("q", "x"), ("limit", "101")]),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(&[("q", "x"), ("limit", "-1")]),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(&[("q", "x"), ("offset", "9999")]),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(&[("q", "x"), ("lang", "fr")]),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(&[("q", "x"), ("kind", "poem")]),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(&[("q", "x"), ("exact", "maybe")]),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(&[("q", "x"), ("date_to", "22/11/2021")]),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(&[("q", "x"), ("date_to", "2021-11-22-01")]),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(&[("q", "x"), ("exact", "1"), ("stem", "1")]),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(&[("q", "x"), ("doc", "../etc/passwd")]),
            StatusCode::BAD_REQUEST
        );
        let long = "ا".repeat(limits.max_query_chars + 1);
        assert_eq!(status(&[("q", &long)]), StatusCode::PAYLOAD_TOO_LARGE);
        let longest = "ا".repeat(limits.max_query_chars);
        assert_eq!(status(&[("q", &longest)]), StatusCode::OK);
    }

    #[test]
    fn document_ids_that_look_like_paths_are_refused() {
        for bad in [
            "",
            "/etc/passwd",
            "a/../b",
            "..",
            "./x",
            "a\\b",
            "a\u{0}b",
            "a\nb",
        ] {
            assert!(validate_doc_id(bad).is_err(), "{bad:?}");
        }
        let long = "x".repeat(MAX_DOC_ID_BYTES + 1);
        assert!(validate_doc_id(&long).is_err());
        for good in [
            "A/RES/76/7",
            "XYZ/COP/2031/9",
            "A_RES_70_1-targets",
            "000_8c58",
            "S/2015/1.Rev.1",
        ] {
            assert!(validate_doc_id(good).is_ok(), "{good:?}");
        }
    }

    fn unit(symbol: Option<&str>, para: Option<&str>) -> UnitRecord {
        UnitRecord {
            doc: "doc-id".into(),
            symbol: symbol.map(str::to_string),
            path: String::new(),
            para: para.map(str::to_string),
            kind: "paragraph".into(),
            ordinal: 7,
            lang: "en".into(),
            date: None,
            title: None,
            text: String::new(),
            start: 0,
            end: 0,
            counterpart_ordinals: Vec::new(),
        }
    }

    #[test]
    fn citations_read_as_un_documents_cite() {
        let sym = Some("A/RES/76/7");
        assert_eq!(cite(&unit(sym, Some("16(a)"))), "A/RES/76/7, para. 16 (a)");
        assert_eq!(
            cite(&unit(sym, Some("16(a)(i)"))),
            "A/RES/76/7, para. 16 (a) (i)"
        );
        assert_eq!(cite(&unit(sym, Some("16.3"))), "A/RES/76/7, para. 16.3");
        assert_eq!(cite(&unit(sym, Some("fn11"))), "A/RES/76/7, footnote 11");
        assert_eq!(
            cite(&unit(sym, Some("rec5"))),
            "A/RES/76/7, recommendation 5"
        );
        assert_eq!(cite(&unit(None, None)), "doc-id, unit 7");
        assert_eq!(cite(&unit(None, Some("front"))), "doc-id, para. front");
    }

    #[test]
    fn json_answers_escape_markup_characters_and_stay_the_same_json() {
        let value = json!({ "query": "<script>alert('x')</script> & more" });
        let text = html_safe_json(&value);
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, value);
    }
}
