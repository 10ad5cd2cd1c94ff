use axum::body::Body;
use axum::http::{Request, StatusCode};
use course_testkit::{run_paused, timed};
use futures::future::join_all;
use tower::ServiceExt;
use unblock_the_handler::{app, upstream::LATENCY};

/// Sends `GET /quote/{item}` through the router in-process and returns status and
/// text.
async fn ask(item: &str) -> (StatusCode, String) {
    let request = Request::get(format!("/quote/{item}"))
        .body(Body::empty())
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// What a wait of zero on tokio's clock means, said once for both timing checks.
fn explain(took: std::time::Duration, what: &str) -> String {
    if took.is_zero() {
        format!(
            "{what} took no time at all on tokio's clock: the waits did not go \
             through tokio's timer. A blocking call (like std::thread::sleep in the \
             blocking clients) holds the thread instead of waiting; await the async \
             clients."
        )
    } else {
        format!(
            "{what} took {took:?} on tokio's clock, expected {LATENCY:?}: if it is \
             twice that, the two lookups ran one after the other instead of at the \
             same time."
        )
    }
}

#[test]
fn answers_with_price_and_stock() {
    let (status, text) = run_paused(|| ask("espresso-cup"));
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text, "espresso-cup: 3000 cents, 17 in stock");
}

#[test]
fn one_request_waits_for_both_services_at_once() {
    let (took, _) = run_paused(|| timed(ask("teapot")));
    assert_eq!(took, LATENCY, "{}", explain(took, "one request"));
}

#[test]
fn twenty_requests_on_one_thread_all_overlap() {
    let (took, answers) = run_paused(|| {
        timed(async {
            // Each request its own task, as each connection is in a server.
            let requests = (0..20).map(|n| {
                tokio::spawn(async move { ask(&format!("mug-{n}")).await })
            });
            join_all(requests).await
        })
    });
    assert!(answers.iter().all(|a| matches!(a, Ok((StatusCode::OK, _)))));
    assert_eq!(took, LATENCY, "{}", explain(took, "20 concurrent requests"));
}
