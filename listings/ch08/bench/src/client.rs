//! The load client: `requests` concurrent GETs, each with a timeout, and a report.
//!
//! It is the article's httpx + `asyncio.gather` client in Rust, with two ways to
//! connect: one new HTTP/1.1 connection per request (what a naive client does), or
//! every request as a stream multiplexed over a few HTTP/2 connections.

use crate::procfs::{Process, cpu_seconds};
use http_body_util::{BodyExt, Empty};
use hyper::Request;
use hyper::body::Bytes;
use hyper_util::rt::{TokioExecutor, TokioIo};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::Instant;

/// How requests reach the server. Written as on the command line: `http1`,
/// `http1-paced`, `http2`, `http2x4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Protocol {
    /// One new HTTP/1.1 connection per request: `requests` connections at once.
    Http1,
    /// One new HTTP/1.1 connection per request, but at most [`PACED_CONNECTS`]
    /// handshakes in flight at a time, so that the server's accept queue never
    /// overflows.
    Http1Paced,
    /// HTTP/2 over `connections` connections; every request is a stream on one of
    /// them.
    Http2 { connections: usize },
}

impl FromStr for Protocol {
    type Err = String;

    /// `http1`, `http2` (one connection) or `http2x4` (four connections).
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "http1" => Ok(Protocol::Http1),
            "http1-paced" => Ok(Protocol::Http1Paced),
            "http2" => Ok(Protocol::Http2 { connections: 1 }),
            _ => text
                .strip_prefix("http2x")
                .and_then(|n| n.parse().ok())
                .filter(|&connections| connections > 0)
                .map(|connections| Protocol::Http2 { connections })
                .ok_or_else(|| {
                    format!(
                        "unknown protocol `{text}`: expected http1, http1-paced, \
                         http2 or http2xN (N > 0)"
                    )
                }),
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Protocol::Http1 => f.write_str("http1"),
            Protocol::Http1Paced => f.write_str("http1-paced"),
            Protocol::Http2 { connections: 1 } => f.write_str("http2"),
            Protocol::Http2 { connections } => write!(f, "http2x{connections}"),
        }
    }
}

impl TryFrom<String> for Protocol {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        text.parse()
    }
}

impl From<Protocol> for String {
    fn from(protocol: Protocol) -> String {
        protocol.to_string()
    }
}

/// Handshakes in flight at once with [`Protocol::Http1Paced`]: well under the
/// server's accept queue (4,096 on Linux by default).
pub const PACED_CONNECTS: usize = 1_000;

/// One load run.
#[derive(Debug, Clone)]
pub struct Load {
    pub server: SocketAddr,
    pub path: String,
    pub requests: usize,
    /// Each request's limit, connection included (httpx's default is 5 s).
    pub timeout: Duration,
    pub protocol: Protocol,
}

/// What a load run measured. Times are in seconds or milliseconds of real time.
/// Our client fills every field; the article's httpx client, whose reports the
/// benchmark converts to this shape, measures no latencies (`None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub requests: usize,
    pub successes: usize,
    /// Requests that ran out of time.
    pub timeouts: usize,
    /// Requests that failed otherwise (refused, reset, a status other than 200).
    pub errors: usize,
    /// The first failure's message, to say what went wrong.
    pub first_error: Option<String>,
    pub elapsed_s: f64,
    pub requests_per_s: f64,
    /// Latency of successful requests, from the moment each one started.
    pub p50_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    /// Time to open a connection (TCP connect and protocol handshake), median and
    /// worst.
    pub connect_p50_ms: Option<f64>,
    pub connect_max_ms: Option<f64>,
    /// CPU time the client process used (user + system), when the OS tells.
    pub client_cpu_s: Option<f64>,
}

/// The outcome of one request.
enum Outcome {
    Success(Duration),
    TimedOut,
    Failed(String),
}

// ANCHOR: run
/// Sends `load.requests` requests at once and waits for all of them.
pub async fn run(load: &Load) -> Report {
    let cpu_before = cpu_seconds(Process::Current);
    let start = Instant::now();
    let (outcomes, connect_times) = match load.protocol {
        Protocol::Http1 => over_http1(load, None).await,
        Protocol::Http1Paced => {
            over_http1(load, Some(Arc::new(Semaphore::new(PACED_CONNECTS)))).await
        }
        Protocol::Http2 { connections } => over_http2(load, connections).await,
    };
    let elapsed = start.elapsed();
    let client_cpu_s = cpu_seconds(Process::Current)
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    summarize(
        load.requests,
        outcomes,
        connect_times,
        elapsed,
        client_cpu_s,
    )
}

/// One connection per request, all started together; with `pacing`, only as many
/// handshakes at a time as it has permits.
async fn over_http1(
    load: &Load,
    pacing: Option<Arc<Semaphore>>,
) -> (Vec<Outcome>, Vec<Duration>) {
    let mut requests = JoinSet::new();
    for _ in 0..load.requests {
        let (server, path, timeout) = (load.server, load.path.clone(), load.timeout);
        let pacing = pacing.clone();
        requests.spawn(async move {
            let started = Instant::now();
            let attempt = async {
                let permit = match &pacing {
                    Some(semaphore) => {
                        Some(semaphore.acquire().await.map_err(|e| e.to_string())?)
                    }
                    None => None,
                };
                let sender = connect_http1(server).await?;
                drop(permit); // connected: the request itself is not limited
                let connected = started.elapsed();
                get(sender, server, &path).await?;
                Ok::<_, String>(connected)
            };
            match tokio::time::timeout(timeout, attempt).await {
                Ok(Ok(connected)) => {
                    (Outcome::Success(started.elapsed()), Some(connected))
                }
                Ok(Err(error)) => (Outcome::Failed(error), None),
                Err(_) => (Outcome::TimedOut, None),
            }
        });
    }
    let mut outcomes = Vec::with_capacity(load.requests);
    let mut connect_times = Vec::with_capacity(load.requests);
    while let Some(joined) = requests.join_next().await {
        let (outcome, connected) = joined.unwrap_or_else(|e| {
            (Outcome::Failed(format!("request task failed: {e}")), None)
        });
        outcomes.push(outcome);
        connect_times.extend(connected);
    }
    (outcomes, connect_times)
}
// ANCHOR_END: run

async fn connect_http1(
    server: SocketAddr,
) -> Result<hyper::client::conn::http1::SendRequest<Empty<Bytes>>, String> {
    let stream = TcpStream::connect(server)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let _ = stream.set_nodelay(true);
    let (sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| format!("handshake: {e}"))?;
    // The connection is driven by its own task; it ends when the response is read.
    tokio::spawn(connection);
    Ok(sender)
}

async fn get(
    mut sender: hyper::client::conn::http1::SendRequest<Empty<Bytes>>,
    server: SocketAddr,
    path: &str,
) -> Result<(), String> {
    // HTTP/1.1 wants the path alone on the request line and the server's address in
    // `Host`; a server such as Uvicorn rejects a request without it.
    let request = Request::get(path)
        .header(hyper::header::HOST, server.to_string())
        .body(Empty::new())
        .map_err(|e| format!("bad request: {e}"))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("request: {e}"))?;
    check_response(response).await
}

// ANCHOR: http2
/// Every request as a stream over `connections` HTTP/2 connections, opened first.
async fn over_http2(
    load: &Load,
    connections: usize,
) -> (Vec<Outcome>, Vec<Duration>) {
    let mut senders = Vec::with_capacity(connections);
    let mut connect_times = Vec::with_capacity(connections);
    for _ in 0..connections {
        let started = Instant::now();
        match tokio::time::timeout(load.timeout, connect_http2(load.server)).await {
            Ok(Ok(sender)) => senders.push(sender),
            Ok(Err(error)) => return (vec![Outcome::Failed(error)], connect_times),
            Err(_) => return (vec![Outcome::TimedOut], connect_times),
        }
        connect_times.push(started.elapsed());
    }
    let mut requests = JoinSet::new();
    for index in 0..load.requests {
        // Cloning a sender opens a new stream on the same connection.
        let mut sender = senders[index % connections].clone();
        let (server, path, timeout) = (load.server, load.path.clone(), load.timeout);
        requests.spawn(async move {
            let started = Instant::now();
            let attempt = async {
                let response = sender
                    .send_request(request(server, &path)?)
                    .await
                    .map_err(|e| format!("request: {e}"))?;
                check_response(response).await
            };
            match tokio::time::timeout(timeout, attempt).await {
                Ok(Ok(())) => Outcome::Success(started.elapsed()),
                Ok(Err(error)) => Outcome::Failed(error),
                Err(_) => Outcome::TimedOut,
            }
        });
    }
    let mut outcomes = Vec::with_capacity(load.requests);
    while let Some(joined) = requests.join_next().await {
        outcomes.push(
            joined.unwrap_or_else(|e| Outcome::Failed(format!("task failed: {e}"))),
        );
    }
    (outcomes, connect_times)
}
// ANCHOR_END: http2

async fn connect_http2(
    server: SocketAddr,
) -> Result<hyper::client::conn::http2::SendRequest<Empty<Bytes>>, String> {
    let stream = TcpStream::connect(server)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let _ = stream.set_nodelay(true);
    let (sender, connection) = hyper::client::conn::http2::handshake(
        TokioExecutor::new(),
        TokioIo::new(stream),
    )
    .await
    .map_err(|e| format!("HTTP/2 handshake: {e}"))?;
    tokio::spawn(connection);
    Ok(sender)
}

/// An HTTP/2 request: the full URL, from which hyper fills the `:authority`
/// pseudo-header.
fn request(server: SocketAddr, path: &str) -> Result<Request<Empty<Bytes>>, String> {
    Request::get(format!("http://{server}{path}"))
        .body(Empty::new())
        .map_err(|e| format!("bad request: {e}"))
}

/// A success is a 200 whose whole body arrived and says
/// [`crate::endpoints::ANSWER`].
async fn check_response(
    response: hyper::Response<hyper::body::Incoming>,
) -> Result<(), String> {
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| format!("reading the body: {e}"))?
        .to_bytes();
    if status != hyper::StatusCode::OK || body != crate::endpoints::ANSWER.as_bytes()
    {
        return Err(format!(
            "status {status}, body {:?}",
            String::from_utf8_lossy(&body)
        ));
    }
    Ok(())
}

fn summarize(
    requests: usize,
    outcomes: Vec<Outcome>,
    mut connect_times: Vec<Duration>,
    elapsed: Duration,
    client_cpu_s: Option<f64>,
) -> Report {
    let mut latencies = Vec::new();
    let (mut timeouts, mut errors, mut first_error) = (0, 0, None);
    for outcome in outcomes {
        match outcome {
            Outcome::Success(latency) => latencies.push(latency),
            Outcome::TimedOut => timeouts += 1,
            Outcome::Failed(error) => {
                errors += 1;
                first_error.get_or_insert(error);
            }
        }
    }
    if timeouts > 0 && first_error.is_none() {
        first_error = Some("timed out".into());
    }
    // A run that could not even connect counts every request as failed.
    let unanswered = requests.saturating_sub(latencies.len() + timeouts + errors);
    errors += unanswered;
    latencies.sort();
    connect_times.sort();
    Report {
        requests,
        successes: latencies.len(),
        timeouts,
        errors,
        first_error,
        elapsed_s: elapsed.as_secs_f64(),
        requests_per_s: latencies.len() as f64
            / elapsed.as_secs_f64().max(f64::EPSILON),
        p50_ms: Some(millis(percentile(&latencies, 50))),
        p99_ms: Some(millis(percentile(&latencies, 99))),
        connect_p50_ms: Some(millis(percentile(&connect_times, 50))),
        connect_max_ms: Some(millis(
            connect_times.last().copied().unwrap_or_default(),
        )),
        client_cpu_s,
    }
}

/// The nearest-rank percentile of sorted values (zero for none).
pub fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (percent * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let sorted: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&sorted, 50), Duration::from_millis(50));
        assert_eq!(percentile(&sorted, 99), Duration::from_millis(99));
        assert_eq!(percentile(&sorted[..1], 99), Duration::from_millis(1));
        assert_eq!(percentile(&[], 50), Duration::ZERO);
    }

    #[test]
    fn protocols_parse_and_a_typo_is_explained() {
        assert_eq!("http1".parse(), Ok(Protocol::Http1));
        assert_eq!("http1-paced".parse(), Ok(Protocol::Http1Paced));
        assert_eq!("http2".parse(), Ok(Protocol::Http2 { connections: 1 }));
        assert_eq!("http2x4".parse(), Ok(Protocol::Http2 { connections: 4 }));
        assert!(
            "http2x0"
                .parse::<Protocol>()
                .unwrap_err()
                .contains("http2xN")
        );
        assert_eq!(Protocol::Http2 { connections: 4 }.to_string(), "http2x4");
    }

    #[test]
    fn failures_are_counted_not_swallowed() {
        let outcomes = vec![
            Outcome::Success(Duration::from_millis(100)),
            Outcome::TimedOut,
            Outcome::Failed("connect: refused".into()),
        ];
        let report = summarize(4, outcomes, vec![], Duration::from_secs(1), None);
        assert_eq!(report.successes, 1);
        assert_eq!(report.timeouts, 1);
        // The fourth request never produced an outcome: it counts as an error.
        assert_eq!(report.errors, 2);
        assert_eq!(report.first_error.as_deref(), Some("connect: refused"));
        assert_eq!(report.requests_per_s, 1.0);
    }
}
