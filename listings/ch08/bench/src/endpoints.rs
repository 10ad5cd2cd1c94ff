//! The article's endpoints, as axum handlers.
//!
//! Each one stands for a request that waits `latency` for something slow (a
//! database, another API). They differ only in *how* they wait, which is the whole
//! point of the benchmark.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// One of the benchmark's endpoints (written `async`, `blocking`, `sync` in the
/// results file).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Endpoint {
    /// Awaits tokio's timer: the article's `async def` with `asyncio.sleep`.
    Async,
    /// Blocks the runtime's thread inside an async handler: `time.sleep` inside
    /// `async def`.
    Blocking,
    /// Blocks a thread of tokio's blocking pool: what FastAPI does with a plain
    /// `def` handler.
    Sync,
}

impl Endpoint {
    pub const ALL: [Endpoint; 3] =
        [Endpoint::Async, Endpoint::Blocking, Endpoint::Sync];

    /// The URL path, the same as the article's (plus `/test/blocking`, which it does
    /// not show).
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::Async => "/test/async",
            Endpoint::Blocking => "/test/blocking",
            Endpoint::Sync => "/test/sync",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Async => "async",
            Endpoint::Blocking => "blocking",
            Endpoint::Sync => "sync",
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Endpoint {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Endpoint::ALL
            .into_iter()
            .find(|e| e.name() == text || e.path() == text)
            .ok_or_else(|| {
                format!(
                    "unknown endpoint `{text}`: expected async, blocking or sync"
                )
            })
    }
}

/// A blocking call that takes about the given time, like a synchronous database
/// driver.
pub type BlockingCall = Arc<dyn Fn(Duration) + Send + Sync>;

/// What every handler shares: how long a request waits, and the blocking call it
/// makes when it blocks. The server passes `std::thread::sleep`; tests pass
/// stand-ins that cost the same time on tokio's paused clock, or that check whether
/// the runtime is still free.
#[derive(Clone)]
pub struct Backend {
    pub latency: Duration,
    pub blocking_call: BlockingCall,
}

impl Backend {
    /// The real thing: `std::thread::sleep`, like the article's `time.sleep`.
    pub fn sleeping(latency: Duration) -> Self {
        Self {
            latency,
            blocking_call: Arc::new(std::thread::sleep),
        }
    }
}

/// The body every endpoint answers with, so the client can tell a real answer from
/// an error page.
pub const ANSWER: &str = "done";

/// The three endpoints on one router.
pub fn router(backend: Backend) -> Router {
    Router::new()
        .route(Endpoint::Async.path(), get(wait_async))
        .route(Endpoint::Blocking.path(), get(wait_blocking))
        .route(Endpoint::Sync.path(), get(wait_in_blocking_pool))
        .with_state(backend)
}

// ANCHOR: async
/// Awaits the timer: the task gives its thread back to the runtime while it waits.
async fn wait_async(State(backend): State<Backend>) -> &'static str {
    tokio::time::sleep(backend.latency).await;
    ANSWER
}
// ANCHOR_END: async

// ANCHOR: blocking
/// The article's hidden mistake: a blocking call inside an async handler. The
/// runtime's worker thread cannot run any other request until the call returns.
async fn wait_blocking(State(backend): State<Backend>) -> &'static str {
    // In the server, this is std::thread::sleep(latency).
    (backend.blocking_call)(backend.latency);
    ANSWER
}
// ANCHOR_END: blocking

// ANCHOR: sync
/// The blocking call done right: on a thread of tokio's blocking pool, as FastAPI
/// runs a `def` handler on a thread of its pool. The worker thread stays free for
/// other requests.
async fn wait_in_blocking_pool(
    State(backend): State<Backend>,
) -> Result<&'static str, StatusCode> {
    let Backend {
        latency,
        blocking_call,
    } = backend;
    tokio::task::spawn_blocking(move || blocking_call(latency))
        .await
        // The blocking call panicked: answer 500 instead of pretending it worked.
        .map_err(|_panicked| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(ANSWER)
}
// ANCHOR_END: sync

#[cfg(test)]
mod tests {
    use super::Endpoint;

    #[test]
    fn endpoints_parse_by_name_or_path() {
        for endpoint in Endpoint::ALL {
            assert_eq!(endpoint.name().parse(), Ok(endpoint));
            assert_eq!(endpoint.path().parse(), Ok(endpoint));
        }
        let error = "fast".parse::<Endpoint>().unwrap_err();
        assert!(error.contains("async, blocking or sync"), "{error}");
    }
}
