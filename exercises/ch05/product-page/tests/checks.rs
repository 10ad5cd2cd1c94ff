use axum::body::Body;
use axum::http::{Request, StatusCode};
use course_testkit::{count_polls, live_tasks, run_paused, run_real_clock, timed};
use http_body_util::BodyExt;
use product_page::{Answer, Service, app};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tower::ServiceExt;

const LIMIT: Duration = Duration::from_millis(250);

fn ms(milliseconds: u64) -> Duration {
    Duration::from_millis(milliseconds)
}

/// A simulated service: for each item, how long it takes and what it answers.
/// `finished` counts the calls that ran to their end: a stopped call never does.
fn service(
    name: &'static str,
    answers: &[(&'static str, u64, Result<u64, &'static str>)],
    finished: Arc<AtomicUsize>,
) -> Service {
    let answers = answers.to_vec();
    Service::new(name, move |item: String| -> Answer {
        let (_, latency, answer) = *answers
            .iter()
            .find(|(known, _, _)| *known == item)
            .unwrap_or_else(|| {
                panic!("{name} was asked about {item:?}, an unknown item")
            });
        let finished = finished.clone();
        Box::pin(async move {
            tokio::time::sleep(ms(latency)).await;
            finished.fetch_add(1, Ordering::SeqCst);
            answer.map_err(str::to_owned)
        })
    })
}

/// GET `uri` from `router` in-process: the status, the JSON body, the text.
async fn get(router: axum::Router, uri: &str) -> (StatusCode, Value, String) {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::Null),
        text,
    )
}

#[test]
fn both_services_are_asked_at_once() {
    let answers = run_paused(|| async {
        let pricing = service(
            "pricing",
            &[
                ("teapot", 240, Ok(1999)),
                ("cup", 30, Ok(450)),
                ("mug", 100, Ok(0)),
            ],
            Arc::default(),
        );
        let inventory = service(
            "inventory",
            &[
                ("teapot", 200, Ok(12)),
                ("cup", 90, Ok(0)),
                ("mug", 250, Ok(7)),
            ],
            Arc::default(),
        );
        let router = app(pricing, inventory);
        let mut answers = Vec::new();
        for item in ["cup", "teapot", "mug"] {
            let uri = format!("/products/{item}");
            answers.push(timed(get(router.clone(), &uri)).await);
        }
        answers
    });
    let expected = [
        ("cup", 450, 0, 90),
        ("teapot", 1999, 12, 240),
        ("mug", 0, 7, 250),
    ];
    for ((took, (status, body, text)), (item, cents, in_stock, slower)) in
        answers.into_iter().zip(expected)
    {
        assert_eq!(
            status,
            StatusCode::OK,
            "{item}: both answered in time, got {text}"
        );
        assert_eq!(
            body,
            json!({ "item": item, "cents": cents, "in_stock": in_stock }),
            "{item}: cents come from pricing, in_stock from inventory"
        );
        assert_eq!(
            took,
            ms(slower),
            "{item}: the slower service answers after {slower} ms, the page took \
             {took:?}. Asked one after another, the calls add up: ask both at once \
             (tokio::try_join!)"
        );
    }
}

#[test]
fn a_late_service_gives_504_at_the_limit_and_is_stopped() {
    for late in ["pricing", "inventory"] {
        let (took, (status, body, text), tasks_left, finished) =
            run_paused(move || async move {
                let finished = Arc::new(AtomicUsize::new(0));
                let latency = |name| if name == late { 10_000 } else { 40 };
                let pricing = service(
                    "pricing",
                    &[("kettle", latency("pricing"), Ok(2500))],
                    finished.clone(),
                );
                let inventory = service(
                    "inventory",
                    &[("kettle", latency("inventory"), Ok(3))],
                    finished.clone(),
                );
                let answer =
                    timed(get(app(pricing, inventory), "/products/kettle")).await;
                let tasks_left = live_tasks().await;
                // Long after the late call would have answered, had it kept running.
                tokio::time::sleep(Duration::from_secs(60)).await;
                (
                    answer.0,
                    answer.1,
                    tasks_left,
                    finished.load(Ordering::SeqCst),
                )
            });
        assert_eq!(
            status,
            StatusCode::GATEWAY_TIMEOUT,
            "{late} takes 10 s, more than its 250 ms: expected 504, got {text}"
        );
        assert_eq!(
            body,
            json!({ "detail": format!("{late} did not answer within 250 ms") }),
            "the detail must name the late service ({late}) and the limit"
        );
        assert_eq!(
            took, LIMIT,
            "the 504 came after {took:?}, the limit is 250 ms. Checking the time \
             after the call returned waits for the whole call: race it against the \
             limit (tokio::time::timeout)"
        );
        assert_eq!(
            tasks_left, 0,
            "{tasks_left} task(s) still alive after the 504: a spawned call keeps \
             running when its JoinHandle is dropped"
        );
        assert_eq!(
            finished, 1,
            "{finished} call(s) ran to their end, expected 1 (the one in time): the \
             late call must be stopped (dropped), not left running"
        );
    }
}

#[test]
fn an_answer_exactly_at_the_limit_is_in_time() {
    let statuses = run_paused(|| async {
        let mut statuses = Vec::new();
        for _ in 0..20 {
            let pricing =
                service("pricing", &[("lid", 250, Ok(300))], Arc::default());
            let inventory =
                service("inventory", &[("lid", 250, Ok(40))], Arc::default());
            statuses.push(get(app(pricing, inventory), "/products/lid").await.0);
        }
        statuses
    });
    let late = statuses
        .iter()
        .filter(|status| **status != StatusCode::OK)
        .count();
    assert_eq!(
        late, 0,
        "both services answered exactly at 250 ms, which is in time, but {late} of \
         20 tries did not get 200. tokio::select! picks a ready branch at random; \
         tokio::time::timeout looks at the call first"
    );
}

#[test]
fn a_failing_service_gives_502_at_once() {
    let (took, (status, body, text), tasks_left, finished) = run_paused(|| async {
        let finished = Arc::new(AtomicUsize::new(0));
        let pricing =
            service("pricing", &[("spoon", 200, Ok(120))], finished.clone());
        let inventory = service(
            "inventory",
            &[("spoon", 30, Err("warehouse database is down"))],
            finished.clone(),
        );
        let answer = timed(get(app(pricing, inventory), "/products/spoon")).await;
        let tasks_left = live_tasks().await;
        tokio::time::sleep(Duration::from_secs(60)).await;
        (
            answer.0,
            answer.1,
            tasks_left,
            finished.load(Ordering::SeqCst),
        )
    });
    assert_eq!(
        status,
        StatusCode::BAD_GATEWAY,
        "inventory failed after 30 ms: expected 502, got {text}. A failure is not a \
         timeout: keep the two apart"
    );
    assert_eq!(
        body,
        json!({ "detail": "inventory failed: warehouse database is down" }),
        "the detail must name the service and give its reason as it is"
    );
    assert_eq!(
        took,
        ms(30),
        "inventory failed after 30 ms, but the 502 came after {took:?}: answer at \
         the first error (try_join!, not join!) instead of waiting for the other \
         call"
    );
    assert_eq!(
        tasks_left, 0,
        "{tasks_left} task(s) still alive after the 502"
    );
    assert_eq!(
        finished, 1,
        "the pricing call must be stopped when inventory failed, but it ran to its \
         end"
    );
}

#[test]
fn one_pool_per_service_for_every_request() {
    let (before, after) = run_paused(|| async {
        let pricing = service("pricing", &[("tray", 10, Ok(800))], Arc::default());
        let inventory = service("inventory", &[("tray", 20, Ok(5))], Arc::default());
        let router = app(pricing.clone(), inventory.clone());
        let before = (pricing.pools_opened(), inventory.pools_opened());
        for _ in 0..5 {
            let (status, _, text) = get(router.clone(), "/products/tray").await;
            assert_eq!(status, StatusCode::OK, "{text}");
        }
        (before, (pricing.pools_opened(), inventory.pools_opened()))
    });
    assert_eq!(
        after,
        (1, 1),
        "after 5 requests, (pricing, inventory) had {after:?} pools opened: a pool \
         per request is httpx.AsyncClient() inside the handler. Share the pools of \
         app through State"
    );
    assert_eq!(
        before,
        (1, 1),
        "app must open one pool per service before any request, as FastAPI's \
         lifespan does; (pricing, inventory) pools opened: {before:?}"
    );
}

#[test]
fn waits_without_spinning_on_the_real_clock() {
    let ((status, _, text), polls) = run_real_clock(|| async {
        let pricing = service("pricing", &[("bowl", 20, Ok(700))], Arc::default());
        let inventory =
            service("inventory", &[("bowl", 3_600_000, Ok(9))], Arc::default());
        let (waiting, polls) =
            count_polls(get(app(pricing, inventory), "/products/bowl"));
        (waiting.await, polls)
    });
    assert_eq!(
        status,
        StatusCode::GATEWAY_TIMEOUT,
        "inventory takes an hour: {text}"
    );
    // A few polls to start, one per timer that fires; the margin is wide.
    polls.assert_at_most(20, "the request to the product page");
}
