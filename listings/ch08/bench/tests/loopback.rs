//! Correctness over real sockets on 127.0.0.1, at small n: every request to every
//! endpoint succeeds, over both protocols; the client binary's report parses; bad
//! arguments are explained. Nothing here asserts a duration: real time varies from
//! machine to machine.

use bench::client::{Load, Protocol, Report, run};
use bench::endpoints::{Backend, Endpoint, router};
use bench::processes::{Stderr, run_bounded};
use bench::server::serve;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Short enough to keep the test quick, long enough that requests really overlap.
const LATENCY: Duration = Duration::from_millis(20);
const REQUESTS: usize = 50;
/// How long a program of the benchmark may take to answer or to stop: far more than
/// it needs, so that only a hang trips it.
const PATIENCE: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_request_to_every_endpoint_succeeds() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving =
        tokio::spawn(serve(listener, router(Backend::sleeping(LATENCY)), async {
            let _ = stopped.await;
        }));
    for endpoint in Endpoint::ALL {
        for protocol in [Protocol::Http1, Protocol::Http2 { connections: 2 }] {
            let load = Load {
                server,
                path: endpoint.path().into(),
                requests: REQUESTS,
                timeout: Duration::from_secs(30),
                protocol,
            };
            let report = run(&load).await;
            assert_eq!(
                (report.successes, report.timeouts, report.errors),
                (REQUESTS, 0, 0),
                "{endpoint} over {protocol}: {:?}",
                report.first_error
            );
            let (p50, p99) = (report.p50_ms.unwrap(), report.p99_ms.unwrap());
            assert!(p50 <= p99, "p50 {p50} ms, p99 {p99} ms");
        }
    }
    stop.send(()).unwrap();
    serving.await.unwrap().unwrap();
}

#[test]
fn the_binaries_talk_and_the_report_parses() {
    let mut server = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--flavor", "current-thread", "--latency-ms", "10"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first_line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let url = first_line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first_line:?}"))
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");

    let mut client = Command::new(env!("CARGO_BIN_EXE_client"));
    client.args([format!("{url}/test/async").as_str(), "--requests", "10"]);
    let stdout = run_bounded(client, PATIENCE, Stderr::Capture).unwrap();
    let report: Report = serde_json::from_str(&stdout).expect("the report is JSON");
    assert_eq!((report.requests, report.successes), (10, 10));

    // Closing its standard input asks the server to stop; it must exit cleanly.
    drop(server.stdin.take());
    let deadline = std::time::Instant::now() + PATIENCE;
    let status = course::process::wait_until(&mut server, deadline)
        .expect("the server should stop soon after its input closes");
    assert!(status.success(), "the server exited with {status}");
}

#[test]
fn bad_arguments_get_a_one_line_explanation() {
    let cases: [(&str, &[&str], &str); 4] = [
        (
            "client",
            &["http://127.0.0.1:1/test/async", "--requests", "0"],
            "--requests takes 1 to",
        ),
        (
            "client",
            &["http://192.0.2.1:80/test/async"],
            "not a loopback address",
        ),
        (
            "server",
            &["--workers", "0"],
            "--workers must be at least 1",
        ),
        (
            "server",
            &["--flavor", "multi"],
            "expected current-thread or multi-thread",
        ),
    ];
    for (program, args, expected) in cases {
        let binary = match program {
            "client" => env!("CARGO_BIN_EXE_client"),
            _ => env!("CARGO_BIN_EXE_server"),
        };
        let mut command = Command::new(binary);
        command.args(args);
        let error = run_bounded(command, PATIENCE, Stderr::Capture)
            .expect_err("bad arguments should make the program fail");
        assert!(error.contains(expected), "{program} {args:?}: {error}");
    }
}
