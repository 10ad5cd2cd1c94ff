//! The results file, `listings/ch08/results/results.json`: what a run of the matrix
//! measured, stamped with the machine. The chapter's tables and plot are rendered
//! from it and nothing else.

use crate::client::{Protocol, Report};
use crate::endpoints::Endpoint;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// The committed results, relative to the workspace root.
pub const COMMITTED: &str = "listings/ch08/results/results.json";

/// Threads in tokio's blocking pool at most (its default, which our server keeps).
pub const TOKIO_BLOCKING_THREADS: usize = 512;
/// Threads each FastAPI worker process runs `def` handlers on: anyio's default
/// limit, one limiter per event loop, so one pool per Uvicorn worker.
pub const FASTAPI_THREADS_PER_WORKER: usize = 40;

/// Everything one run of the matrix measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// The command that measured them, as the reader would type it.
    pub command: String,
    pub machine: Machine,
    /// Whether the FastAPI rows were measured.
    pub fastapi: bool,
    /// How long every endpoint waits.
    pub latency_ms: u64,
    /// Runs whose least possible time exceeded this were skipped.
    pub budget_s: f64,
    pub runs: Vec<Run>,
    pub skipped: Vec<Skipped>,
}

/// The machine and software that measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    /// One line: CPU model and count, OS, compiler, date.
    pub stamp: String,
    pub cpus: usize,
    pub cpu_model: String,
    pub os: String,
    pub rustc: String,
    pub date: String,
    /// Locked versions of the crates that matter (tokio, axum, hyper, h2).
    pub crates: BTreeMap<String, String>,
    /// Python's and the Python packages' versions, when the FastAPI rows were run.
    pub python: Option<BTreeMap<String, String>>,
}

/// Which server answered.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ServerKind {
    /// Ours: `src/bin/server.rs`.
    Axum,
    /// The article's system: `listings/ch08/fastapi/app.py` under Uvicorn.
    Fastapi,
}

/// Which client sent the requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum ClientKind {
    /// Ours (`src/bin/client.rs`), connecting this way.
    Ours(Protocol),
    /// The article's httpx script, `listings/ch08/fastapi/article_client.py`.
    Httpx,
}

impl fmt::Display for ClientKind {
    /// `http1`, `http1-paced`, `http2`, `http2x4` or `httpx`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientKind::Ours(protocol) => protocol.fmt(f),
            ClientKind::Httpx => f.write_str("httpx"),
        }
    }
}

impl FromStr for ClientKind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "httpx" => Ok(ClientKind::Httpx),
            _ => text.parse().map(ClientKind::Ours).map_err(|error| {
                format!("{error}, or httpx (the article's client)")
            }),
        }
    }
}

impl TryFrom<String> for ClientKind {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        text.parse()
    }
}

impl From<ClientKind> for String {
    fn from(client: ClientKind) -> String {
        client.to_string()
    }
}

/// One cell of the matrix: which server, endpoint, shape, load and client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub server: ServerKind,
    pub endpoint: Endpoint,
    /// Runtime worker threads (axum) or Uvicorn worker processes (FastAPI).
    pub workers: usize,
    pub requests: usize,
    pub client: ClientKind,
}

impl Cell {
    /// The least time this cell can take, in seconds, from the endpoint's semantics:
    /// one latency when every request can wait at once; ⌈n/T⌉ latencies when only T
    /// requests can wait at once (T worker threads for a blocking handler, T pool
    /// threads for a sync one).
    pub fn floor_s(&self, latency_ms: u64) -> f64 {
        let latency = latency_ms as f64 / 1000.0;
        let at_once = match (self.server, self.endpoint) {
            (_, Endpoint::Blocking) => self.workers,
            (ServerKind::Fastapi, Endpoint::Sync) => {
                FASTAPI_THREADS_PER_WORKER * self.workers
            }
            (ServerKind::Axum, Endpoint::Sync) => TOKIO_BLOCKING_THREADS,
            (_, Endpoint::Async) => return latency,
        };
        self.requests.div_ceil(at_once.max(1)) as f64 * latency
    }
}

impl fmt::Display for Cell {
    /// `axum /test/async W=1 n=100 http1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let server = match self.server {
            ServerKind::Axum => "axum",
            ServerKind::Fastapi => "fastapi",
        };
        write!(
            f,
            "{server} {} W={} n={} {}",
            self.endpoint.path(),
            self.workers,
            self.requests,
            self.client
        )
    }
}

/// One measured cell: the client's report, and what the harness saw of the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub server: ServerKind,
    pub endpoint: Endpoint,
    pub workers: usize,
    pub client: ClientKind,
    /// The client's report (its `requests` is the cell's).
    #[serde(flatten)]
    pub report: Report,
    /// CPU time the server used during the run.
    pub server_cpu_s: Option<f64>,
    /// Handshakes the kernel dropped because an accept queue was full (whole
    /// machine).
    pub listen_overflows: Option<u64>,
    /// The server's resident memory after its warm-up request, before the run.
    pub server_rss_idle_kib: Option<u64>,
    /// The server's highest resident memory, after the run.
    pub server_rss_peak_kib: Option<u64>,
}

impl Run {
    pub fn cell(&self) -> Cell {
        Cell {
            server: self.server,
            endpoint: self.endpoint,
            workers: self.workers,
            requests: self.report.requests,
            client: self.client,
        }
    }
}

/// A cell that was not run, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    #[serde(flatten)]
    pub cell: Cell,
    pub reason: String,
}

impl Results {
    /// Reads a results file; an error says what to do.
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "cannot read {} ({e}); run `cargo xtask bench` first",
                path.display()
            )
        })?;
        serde_json::from_str(&text).map_err(|e| {
            format!(
                "{} is not a results file ({e}); run `cargo xtask bench` to \
                 measure again",
                path.display()
            )
        })
    }

    /// The file's text: indented JSON, one field per line, ending with a newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("results always serialize") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(
        server: ServerKind,
        endpoint: Endpoint,
        workers: usize,
        requests: usize,
    ) -> Cell {
        Cell {
            server,
            endpoint,
            workers,
            requests,
            client: ClientKind::Ours(Protocol::Http1),
        }
    }

    #[test]
    fn the_floor_follows_the_endpoint() {
        use Endpoint::*;
        use ServerKind::*;
        assert_eq!(cell(Axum, Blocking, 4, 1000).floor_s(100), 25.0);
        assert_eq!(cell(Axum, Blocking, 1, 100).floor_s(100), 10.0);
        assert_eq!(cell(Axum, Async, 1, 10_000).floor_s(100), 0.1);
        assert_eq!(cell(Axum, Sync, 1, 10_000).floor_s(100), 2.0);
        // One pool of 40 threads per Uvicorn worker: three rounds on one worker, one
        // on four.
        assert_eq!(
            cell(Fastapi, Sync, 1, 100).floor_s(100),
            0.30000000000000004
        );
        assert_eq!(cell(Fastapi, Sync, 4, 100).floor_s(100), 0.1);
    }

    #[test]
    fn clients_are_written_as_the_command_line_names_them() {
        for name in ["http1", "http1-paced", "http2", "http2x4", "httpx"] {
            let client: ClientKind = name.parse().unwrap();
            assert_eq!(client.to_string(), name);
            assert_eq!(
                serde_json::to_string(&client).unwrap(),
                format!("\"{name}\"")
            );
        }
        let error = "curl".parse::<ClientKind>().unwrap_err();
        assert!(error.contains("or httpx"), "{error}");
    }

    #[test]
    fn a_run_is_one_flat_record() {
        let run = Run {
            server: ServerKind::Fastapi,
            endpoint: Endpoint::Sync,
            workers: 4,
            client: ClientKind::Httpx,
            report: Report {
                requests: 100,
                successes: 100,
                timeouts: 0,
                errors: 0,
                first_error: None,
                elapsed_s: 0.451,
                requests_per_s: 221.5,
                p50_ms: None,
                p99_ms: None,
                connect_p50_ms: None,
                connect_max_ms: None,
                client_cpu_s: None,
            },
            server_cpu_s: Some(0.5),
            listen_overflows: Some(0),
            server_rss_idle_kib: Some(3000),
            server_rss_peak_kib: Some(4000),
        };
        let json = serde_json::to_value(&run).unwrap();
        assert_eq!(json["server"], "fastapi");
        assert_eq!(json["endpoint"], "sync");
        assert_eq!(json["client"], "httpx");
        assert_eq!(json["requests"], 100);
        assert!(json["p50_ms"].is_null());
        assert_eq!(serde_json::from_value::<Run>(json).unwrap(), run);
        assert_eq!(run.cell().to_string(), "fastapi /test/sync W=4 n=100 httpx");
    }
}
