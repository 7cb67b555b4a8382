//! A bounded load test of a running server, over loopback: `clients` concurrent HTTP clients
//! share a fixed number of `GET /api/search` requests, cycling through a list of queries.
//!
//! | measured       | how                                                            |
//! |----------------|----------------------------------------------------------------|
//! | QPS            | answered requests ÷ wall time of the whole run                 |
//! | latency        | per request, send to last byte of the body; p50/p90/p99/max    |
//! | errors         | any status but 200, a body that is not a search answer, or an I/O failure |
//!
//! Each client keeps its connection alive, as a page or a script would. The figures are for a
//! person (`sabiqa serve --load N`) and for the test log; nothing asserts on time.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Queries used when none are given: both scripts, words, phrases, operators, prefixes.
pub const SAMPLE_QUERIES: &[&str] = &[
    "trafficking in persons",
    "الاتجار بالاشخاص",
    "\"human rights\"",
    "حقوق الانسان",
    "victims AND protection",
    "التنمية المستدامة",
    "sustain*",
    "migrants -smuggling",
    "الضحايا",
    "freedom of expression",
];

/// What to run.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Concurrent clients (threads, one connection each).
    pub clients: usize,
    /// Requests in all.
    pub requests: usize,
    /// Queries, used in turn.
    pub queries: Vec<String>,
    /// `limit` of each search.
    pub limit: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            clients: 8,
            requests: 1_000,
            queries: SAMPLE_QUERIES.iter().map(|q| q.to_string()).collect(),
            limit: 10,
        }
    }
}

/// What a run measured.
#[derive(Debug, Clone)]
pub struct LoadReport {
    /// Clients that ran.
    pub clients: usize,
    /// Requests answered with a valid search result.
    pub ok: usize,
    /// Requests that failed, and the first few reasons.
    pub errors: usize,
    /// Up to ten failure messages.
    pub error_samples: Vec<String>,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Latencies of the successful requests, sorted.
    pub latencies: Vec<Duration>,
}

impl LoadReport {
    /// Successful requests per second of wall time.
    pub fn qps(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }

    /// The latency below which `p` percent of successful requests finished (nearest rank).
    pub fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1]
    }
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        write!(
            f,
            "{} requests ({} errors) by {} clients in {:.2} s: {:.1} queries/s; latency ms p50 {:.1}, p90 {:.1}, p99 {:.1}, max {:.1}",
            self.ok + self.errors,
            self.errors,
            self.clients,
            self.elapsed.as_secs_f64(),
            self.qps(),
            ms(self.percentile(50.0)),
            ms(self.percentile(90.0)),
            ms(self.percentile(99.0)),
            ms(self.latencies.last().copied().unwrap_or_default()),
        )?;
        for e in &self.error_samples {
            write!(f, "\n  error: {e}")?;
        }
        Ok(())
    }
}

/// Runs the load against the server at `base` (`http://127.0.0.1:PORT`). Blocking: call it
/// from a thread of its own, not from inside the server's runtime.
pub fn run(base: &str, options: &LoadOptions) -> LoadReport {
    let next = AtomicUsize::new(0);
    let errors = Mutex::new(Vec::<String>::new());
    let latencies = Mutex::new(Vec::<Duration>::with_capacity(options.requests));
    let queries: Vec<&str> = if options.queries.is_empty() {
        SAMPLE_QUERIES.to_vec()
    } else {
        options.queries.iter().map(String::as_str).collect()
    };
    let url = format!("{}/api/search", base.trim_end_matches('/'));
    let limit = options.limit.to_string();
    let clients = options.clients.max(1);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(|| {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(60)))
                    .build()
                    .into();
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= options.requests {
                        break;
                    }
                    let query = queries[i % queries.len()];
                    let sent = Instant::now();
                    match one_search(&agent, &url, query, &limit) {
                        Ok(()) => mine.push(sent.elapsed()),
                        Err(e) => {
                            if let Ok(mut list) = errors.lock() {
                                list.push(format!("{query:?}: {e}"));
                            }
                        }
                    }
                }
                if let Ok(mut all) = latencies.lock() {
                    all.extend(mine);
                }
            });
        }
    });
    let elapsed = started.elapsed();
    let mut latencies = latencies.into_inner().unwrap_or_default();
    latencies.sort();
    let errors = errors.into_inner().unwrap_or_default();
    LoadReport {
        clients,
        ok: latencies.len(),
        errors: errors.len(),
        error_samples: errors.into_iter().take(10).collect(),
        elapsed,
        latencies,
    }
}

/// One search; an error unless it is a 200 whose body is a search answer.
fn one_search(agent: &ureq::Agent, url: &str, query: &str, limit: &str) -> Result<(), String> {
    let mut response = agent
        .get(url)
        .query("q", query)
        .query("limit", limit)
        .call()
        .map_err(|e| e.to_string())?;
    let status = response.status();
    let body = response
        .body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())?;
    if status != 200 {
        return Err(format!("status {status}: {body}"));
    }
    let value: serde_json::Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    if value.get("hits").is_some_and(|h| h.is_array()) && value.get("total").is_some() {
        Ok(())
    } else {
        Err(format!(
            "not a search answer: {}",
            body.chars().take(200).collect::<String>()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let report = LoadReport {
            clients: 1,
            ok: 100,
            errors: 0,
            error_samples: Vec::new(),
            elapsed: Duration::from_secs(2),
            latencies: (1..=100).map(Duration::from_millis).collect(),
        };
        assert_eq!(report.percentile(50.0), Duration::from_millis(50));
        assert_eq!(report.percentile(99.0), Duration::from_millis(99));
        assert_eq!(report.percentile(100.0), Duration::from_millis(100));
        assert_eq!(report.percentile(0.0), Duration::from_millis(1));
        assert!((report.qps() - 50.0).abs() < 1e-9);
    }
}
