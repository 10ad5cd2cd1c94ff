//! The chapter's concurrency claims, proven in-process on tokio's paused clock:
//! requests go through the axum router with tower's `oneshot` (no sockets), on one
//! runtime thread, the way one Uvicorn worker runs one event loop.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use bench::endpoints::{Backend, Endpoint, router};
use course_testkit::{BlockingProbe, run_paused, timed};
use futures::future::join_all;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

const LATENCY: Duration = Duration::from_millis(100);

// ANCHOR: stand-in
/// A stand-in for `std::thread::sleep` that costs its time on tokio's paused clock:
/// it holds the runtime's thread (no other task can run meanwhile, exactly like a
/// real blocking call) while another thread moves the clock forward. With it, time
/// spent blocked is measured exactly.
fn block_in_virtual_time(duration: Duration) {
    let runtime = tokio::runtime::Handle::current();
    // `advance` is async, and this function must not return to the scheduler: a
    // helper thread runs it on the runtime's handle (tokio documents
    // `Handle::block_on` from a thread of one's own), and this thread waits for it.
    std::thread::scope(|scope| {
        scope.spawn(|| runtime.block_on(tokio::time::advance(duration)));
    });
}

// ANCHOR_END: stand-in

fn backend_blocking_in_virtual_time() -> Backend {
    Backend {
        latency: LATENCY,
        blocking_call: Arc::new(block_in_virtual_time),
    }
}

// ANCHOR: send
/// Sends `requests` concurrent GETs to `endpoint` in-process and returns their
/// statuses.
async fn concurrent_requests(
    backend: Backend,
    endpoint: Endpoint,
    requests: usize,
) -> Vec<StatusCode> {
    let app = router(backend);
    let calls = (0..requests).map(|_| {
        let request = Request::get(endpoint.path()).body(Body::empty()).unwrap();
        let app = app.clone();
        // Each request is its own task, as each connection is in a real server.
        tokio::spawn(async move { app.oneshot(request).await.unwrap().status() })
    });
    join_all(calls)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect()
}
// ANCHOR_END: send

// ANCHOR: async-floor
#[test]
fn ten_thousand_async_requests_on_one_thread_take_one_latency() {
    let (took, statuses) = run_paused(|| {
        timed(concurrent_requests(
            backend_blocking_in_virtual_time(),
            Endpoint::Async,
            10_000,
        ))
    });
    assert!(statuses.iter().all(|s| *s == StatusCode::OK));
    assert_eq!(took, LATENCY, "the async waits should all overlap");
}
// ANCHOR_END: async-floor

// ANCHOR: blocking-serialises
#[test]
fn blocking_requests_on_one_thread_take_one_latency_each() {
    let (took, statuses) = run_paused(|| {
        timed(concurrent_requests(
            backend_blocking_in_virtual_time(),
            Endpoint::Blocking,
            100,
        ))
    });
    assert!(statuses.iter().all(|s| *s == StatusCode::OK));
    // 100 × 100 ms: the article's "sync" figure, and the reason for it.
    assert_eq!(
        took,
        100 * LATENCY,
        "blocking calls on one thread cannot overlap"
    );
}
// ANCHOR_END: blocking-serialises

// ANCHOR: probe
/// Sends one request to `endpoint` whose blocking call asks whether the runtime's
/// thread could run another task meanwhile.
fn runtime_stayed_free_during(endpoint: Endpoint) -> bool {
    run_paused(move || async move {
        let probe = BlockingProbe::start();
        let (free_tx, free_rx) = std::sync::mpsc::channel();
        let backend = Backend {
            latency: LATENCY,
            blocking_call: Arc::new(move |_latency| {
                free_tx.send(probe.runtime_ran_meanwhile()).unwrap();
            }),
        };
        let statuses = concurrent_requests(backend, endpoint, 1).await;
        assert_eq!(statuses, [StatusCode::OK]);
        free_rx.recv().unwrap()
    })
}

#[test]
fn the_sync_endpoint_leaves_the_runtime_free() {
    assert!(runtime_stayed_free_during(Endpoint::Sync));
}

#[test]
fn the_blocking_endpoint_holds_the_runtime() {
    assert!(!runtime_stayed_free_during(Endpoint::Blocking));
}
// ANCHOR_END: probe

#[test]
fn a_panicking_blocking_call_is_a_500_not_a_crash() {
    let statuses = run_paused(|| {
        let backend = Backend {
            latency: LATENCY,
            blocking_call: Arc::new(|_| {
                panic!("driver crashed (this panic is part of the test)")
            }),
        };
        concurrent_requests(backend, Endpoint::Sync, 1)
    });
    assert_eq!(statuses, [StatusCode::INTERNAL_SERVER_ERROR]);
}

// ANCHOR: timer-tick
/// tokio's timer counts whole milliseconds: a shorter sleep is rounded up to the
/// next tick.
#[test]
fn a_sleep_shorter_than_a_millisecond_lasts_one() {
    let (took, ()) = run_paused(|| {
        timed(async { tokio::time::sleep(Duration::from_micros(10)).await })
    });
    assert_eq!(took, Duration::from_millis(1));
}
// ANCHOR_END: timer-tick
