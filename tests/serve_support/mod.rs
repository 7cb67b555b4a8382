//! Shared by the serve tests: an index of the real corpus in ../shared, built once per test
//! binary, served in-process on a loopback port chosen by the system, and a small HTTP client.
#![allow(dead_code)]

#[path = "../common/mod.rs"]
mod common;

use sabiqa::search::Searcher;
use sabiqa::serve::{self, Limits};
use std::sync::OnceLock;
use std::time::Duration;

/// A server over the corpus index, running until the test process exits.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// A searcher over the same index, to compare the API with the library.
    pub searcher: Searcher,
}

/// The index of `../shared/corpus`, built once; `None` (test skipped) without the corpus.
pub fn corpus_index() -> Option<&'static Searcher> {
    let index = common::corpus_index()?;
    assert!(index.report.bilingual_pairs > 0, "{:?}", index.report);
    Some(&index.searcher)
}

/// Starts a server over the corpus index with `limits` on 127.0.0.1:0, in a thread of its own.
pub fn start(limits: Limits) -> Option<TestServer> {
    let searcher = corpus_index()?;
    let router = serve::router(searcher.clone(), limits);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind a loopback port");
            let addr = listener.local_addr().expect("bound address");
            tx.send(addr).expect("report the address");
            serve::serve(listener, router, std::future::pending())
                .await
                .expect("serve");
        });
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("server starts");
    Some(TestServer {
        base: format!("http://{addr}"),
        searcher: searcher.clone(),
    })
}

/// The server with default limits, shared by the tests of one binary.
pub fn corpus_server() -> Option<&'static TestServer> {
    static SERVER: OnceLock<Option<TestServer>> = OnceLock::new();
    SERVER.get_or_init(|| start(Limits::default())).as_ref()
}

/// An answer: status, content type, body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    /// The body as JSON (panics with the body when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// `GET base + path` with `params` percent-encoded into the query string.
pub fn get(base: &str, path: &str, params: &[(&str, &str)]) -> Answer {
    let mut request = agent().get(format!("{base}{path}"));
    for (k, v) in params {
        request = request.query(*k, *v);
    }
    let mut response = request.call().expect("HTTP exchange");
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect::<Vec<_>>();
    let content_type = headers
        .iter()
        .find(|(n, _)| n == "content-type")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .expect("body");
    Answer {
        status,
        content_type,
        headers,
        body,
    }
}
