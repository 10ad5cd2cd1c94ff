//! Correctness over real sockets on 127.0.0.1, at small n: every request to every
//! endpoint succeeds, over both protocols; the client binary's report parses; bad
//! arguments are explained. Nothing here asserts a duration: real time varies from
//! machine to machine.

use bench::client::{Load, Protocol, Report, run};
use bench::endpoints::{Backend, Endpoint, router};
use bench::server::serve;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Short enough to keep the test quick, long enough that requests really overlap.
const LATENCY: Duration = Duration::from_millis(20);
const REQUESTS: usize = 50;

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
                "{endpoint} over {}: {:?}",
                protocol.label(),
                report.first_error
            );
            assert!(report.p50_ms <= report.p99_ms);
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

    let client = Command::new(env!("CARGO_BIN_EXE_client"))
        .args([format!("{url}/test/async").as_str(), "--requests", "10"])
        .output()
        .unwrap();
    assert!(
        client.status.success(),
        "{}",
        String::from_utf8_lossy(&client.stderr)
    );
    let report: Report =
        serde_json::from_slice(&client.stdout).expect("the report is JSON");
    assert_eq!((report.requests, report.successes), (10, 10));

    // Closing its standard input asks the server to stop; it must exit cleanly.
    drop(server.stdin.take());
    let status = wait_bounded(&mut server, Duration::from_secs(10));
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
        let output = Command::new(binary)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{program} {args:?} should fail");
        assert!(stderr.contains(expected), "{program} {args:?}: {stderr}");
    }
}

/// Waits for a child process, killing it after `limit`: a stuck server must not hang
/// the test.
fn wait_bounded(
    child: &mut std::process::Child,
    limit: Duration,
) -> std::process::ExitStatus {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!(
                "the server did not stop within {limit:?} after its input closed"
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
