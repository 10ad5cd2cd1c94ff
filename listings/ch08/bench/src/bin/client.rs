//! The benchmark client: `requests` concurrent GETs to one URL on 127.0.0.1.
//!
//! `client URL [--requests N] [--timeout-s S] [--protocol
//! http1|http1-paced|http2|http2xN]`
//!
//! Prints the report as one line of JSON on standard output, and a summary on
//! standard error.

use bench::client::{Load, Protocol, run};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: client http://127.0.0.1:PORT/PATH [--requests N] \
                     [--timeout-s S] [--protocol http1|http1-paced|http2|http2xN]";

/// The most requests one run may send: every loop and wait in the course is bounded.
const MAX_REQUESTS: usize = 100_000;

fn parse(args: &[String]) -> Result<Load, String> {
    let (url, options) = args.split_first().ok_or(USAGE)?;
    let (server, path) = parse_url(url)?;
    let mut load = Load {
        server,
        path,
        requests: 100,
        timeout: Duration::from_secs(5),
        protocol: Protocol::Http1,
    };
    for pair in options.chunks(2) {
        let [flag, value] = pair else {
            return Err(format!("`{}` needs a value; {USAGE}", pair[0]));
        };
        match flag.as_str() {
            "--requests" => {
                load.requests = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_REQUESTS).contains(n))
                    .ok_or_else(|| {
                        format!(
                            "--requests takes 1 to {MAX_REQUESTS}, not `{value}`"
                        )
                    })?;
            }
            "--timeout-s" => {
                let seconds: f64 = value
                    .parse()
                    .ok()
                    .filter(|s: &f64| *s > 0.0 && *s <= 600.0)
                    .ok_or_else(|| {
                        format!(
                            "--timeout-s takes seconds in (0, 600], not `{value}`"
                        )
                    })?;
                load.timeout = Duration::from_secs_f64(seconds);
            }
            "--protocol" => load.protocol = value.parse()?,
            _ => return Err(format!("unknown option `{flag}`; {USAGE}")),
        }
    }
    Ok(load)
}

/// `http://127.0.0.1:PORT/PATH` → the address and the path. Only loopback addresses:
/// this client exists to measure a server on the same machine.
fn parse_url(url: &str) -> Result<(SocketAddr, String), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("the URL must start with http://, not `{url}`"))?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let server: SocketAddr = authority
        .parse()
        .map_err(|_| format!("`{authority}` is not an IP address with a port"))?;
    if !server.ip().is_loopback() {
        return Err(format!("{server} is not a loopback address; use 127.0.0.1"));
    }
    let path = if path.is_empty() { "/" } else { path };
    Ok((server, path.to_string()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let load = match parse(&args) {
        Ok(load) => load,
        Err(message) => {
            eprintln!("client: {message}");
            return ExitCode::FAILURE;
        }
    };
    let sockets = match load.protocol {
        Protocol::Http1 | Protocol::Http1Paced => load.requests as u64,
        Protocol::Http2 { connections } => connections as u64,
    };
    if let Err(message) = bench::limits::ensure_open_files(sockets) {
        eprintln!("client: {message}");
        return ExitCode::FAILURE;
    }
    let runtime =
        tokio::runtime::Runtime::new().expect("a tokio runtime can be built");
    let report = runtime.block_on(run(&load));
    let millis =
        |ms: Option<f64>| ms.map_or("–".into(), |ms| format!("{ms:.1} ms"));
    eprintln!(
        "{} requests to {}{} over {}: {} ok, {} timed out, {} failed in {:.3} s \
         ({:.1} req/s, p50 {}, p99 {})",
        report.requests,
        load.server,
        load.path,
        load.protocol,
        report.successes,
        report.timeouts,
        report.errors,
        report.elapsed_s,
        report.requests_per_s,
        millis(report.p50_ms),
        millis(report.p99_ms)
    );
    println!(
        "{}",
        serde_json::to_string(&report).expect("a report always serializes")
    );
    ExitCode::SUCCESS
}
