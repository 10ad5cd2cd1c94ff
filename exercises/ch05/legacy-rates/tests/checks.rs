use axum::body::Body;
use axum::http::{Request, StatusCode};
use course_testkit::{
    BlockingProbe, Rendezvous, ThreadCensus, catching_panics, count_polls,
    run_paused, run_real_clock,
};
use http_body_util::BodyExt;
use legacy_rates::{RatesSdk, app};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower::ServiceExt;

/// The rates the simulated provider knows.
fn known_rate(currency: &str) -> Result<f64, String> {
    match currency {
        "EUR" => Ok(1.08),
        "JPY" => Ok(161.5),
        "CHF" => Ok(0.88),
        "GBP" => Ok(1.27),
        _ => Err(format!("unknown currency {currency:?}")),
    }
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
fn a_rate_is_answered_and_health_is_ok() {
    let (answers, health) = run_paused(|| async {
        let router = app(RatesSdk::new(known_rate));
        let mut answers = Vec::new();
        for currency in ["JPY", "EUR", "CHF"] {
            answers.push((
                currency,
                get(router.clone(), &format!("/rates/{currency}")).await,
            ));
        }
        (answers, get(router, "/health").await)
    });
    for (currency, (status, body, text)) in answers {
        assert_eq!(status, StatusCode::OK, "{currency}: {text}");
        let rate = known_rate(currency).unwrap();
        assert_eq!(
            body,
            json!({ "currency": currency, "rate": rate }),
            "{currency}: the answer must hold the currency as given and the SDK's \
             rate"
        );
    }
    assert_eq!(
        (health.0, health.2.as_str()),
        (StatusCode::OK, "ok"),
        "/health"
    );
}

#[test]
fn the_sdk_is_called_off_the_runtime_thread() {
    let (answer, runtime_ran) = run_paused(|| async {
        let probe = BlockingProbe::start();
        let runtime_ran = Arc::new(Mutex::new(None));
        let seen = runtime_ran.clone();
        let sdk = RatesSdk::new(move |currency| {
            // The provider takes its time: meanwhile, can the runtime run a task?
            *seen.lock().unwrap() = Some(probe.runtime_ran_meanwhile());
            known_rate(currency)
        });
        let answer = get(app(sdk), "/rates/GBP").await;
        let runtime_ran = *runtime_ran.lock().unwrap();
        (answer, runtime_ran)
    });
    assert_eq!(answer.0, StatusCode::OK, "GBP: {}", answer.2);
    assert_eq!(
        runtime_ran,
        Some(true),
        "while the SDK waited, no other task could run on the runtime (None: the \
         SDK was not called). It was called on the runtime's thread: /health and \
         every other request would wait too. Move the call to \
         tokio::task::spawn_blocking"
    );
}

#[test]
fn a_failing_sdk_gets_502_with_its_reason() {
    let (status, body, text) = run_paused(|| async {
        get(app(RatesSdk::new(known_rate)), "/rates/XAU").await
    });
    assert_eq!(
        status,
        StatusCode::BAD_GATEWAY,
        "XAU is unknown to the SDK: {text}"
    );
    assert_eq!(
        body,
        json!({ "detail": "rates failed: unknown currency \"XAU\"" }),
        "the detail must give the SDK's reason as it is"
    );
}

#[test]
fn a_crashing_sdk_gets_500_and_the_server_goes_on() {
    let (crash, after) = run_paused(|| async {
        let sdk = RatesSdk::new(|currency| {
            if currency == "ZWL" {
                panic!("the SDK's parser met an unexpected character");
            }
            known_rate(currency)
        });
        let router = app(sdk);
        let crash = catching_panics(get(router.clone(), "/rates/ZWL")).await;
        (crash, get(router, "/rates/EUR").await)
    });
    let (status, body, text) = crash.unwrap_or_else(|panic| {
        panic!(
            "the SDK's panic went through the handler ({panic}): the connection \
             would be dropped without an answer. spawn_blocking's JoinHandle turns \
             the panic into an Err: answer 500 with it"
        )
    });
    assert_eq!(
        status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "ZWL crashed the SDK: {text}"
    );
    assert_eq!(
        body,
        json!({ "detail": "rates crashed" }),
        "the crash's detail"
    );
    assert_eq!(
        after.0,
        StatusCode::OK,
        "after a crash, EUR must still work: {}",
        after.2
    );
}

#[test]
fn two_calls_at_once_and_no_more() {
    let census = Arc::new(ThreadCensus::new());
    let rendezvous = Arc::new(Rendezvous::new(2));
    let statuses = {
        let (census, rendezvous) = (census.clone(), rendezvous.clone());
        run_real_clock(move || async move {
            let sdk = RatesSdk::new(move |currency| {
                let _visit = census.enter();
                rendezvous.arrive();
                // The provider answers after a few milliseconds.
                std::thread::sleep(Duration::from_millis(5));
                known_rate(currency)
            });
            let router = app(sdk);
            let mut requests = tokio::task::JoinSet::new();
            for currency in ["EUR", "CHF", "EUR", "JPY", "GBP", "CHF"] {
                let router = router.clone();
                let uri = format!("/rates/{currency}");
                requests.spawn(async move { get(router, &uri).await.0 });
            }
            requests.join_all().await
        })
    };
    assert!(
        statuses.iter().all(|status| *status == StatusCode::OK),
        "{statuses:?}"
    );
    assert!(
        census.most_at_once() <= 2,
        "{} SDK calls ran at the same time, the licence allows 2: limit them with a \
         tokio::sync::Semaphore of 2 permits, each held for the whole call",
        census.most_at_once()
    );
    assert!(
        rendezvous.all_met(),
        "two SDK calls never ran at the same time: the first one waited {:?} for a \
         second in vain, with six requests waiting. Something lets one call in at a \
         time (a Mutex around the SDK, a semaphore of 1): the licence allows 2",
        Rendezvous::PATIENCE
    );
}

#[test]
fn a_request_given_up_keeps_its_slot_until_its_call_ends() {
    let census = Arc::new(ThreadCensus::new());
    let statuses = {
        let census = census.clone();
        run_real_clock(move || async move {
            let sdk = RatesSdk::new(move |currency| {
                let _visit = census.enter();
                let slow = currency == "EUR";
                std::thread::sleep(Duration::from_millis(if slow {
                    300
                } else {
                    10
                }));
                known_rate(currency)
            });
            let router = app(sdk);
            // Two clients give up after 50 ms; their calls cannot be stopped.
            let mut given_up = tokio::task::JoinSet::new();
            for _ in 0..2 {
                let router = router.clone();
                let patience = Duration::from_millis(50);
                given_up.spawn(tokio::time::timeout(patience, async move {
                    get(router, "/rates/EUR").await.0
                }));
            }
            given_up.join_all().await;
            let mut requests = tokio::task::JoinSet::new();
            for currency in ["JPY", "CHF"] {
                let (router, uri) = (router.clone(), format!("/rates/{currency}"));
                requests.spawn(async move { get(router, &uri).await.0 });
            }
            requests.join_all().await
        })
    };
    assert!(
        statuses.iter().all(|status| *status == StatusCode::OK),
        "{statuses:?}"
    );
    assert!(
        census.most_at_once() <= 2,
        "{} SDK calls ran at the same time: two clients gave up on their requests, \
         but their calls went on, and others started beside them. A slot belongs to \
         the call, not to the request: move the permit into the blocking closure",
        census.most_at_once()
    );
}

#[test]
fn waits_for_a_slot_without_spinning() {
    let (statuses, polls) = run_real_clock(|| async {
        let sdk = RatesSdk::new(|currency| {
            std::thread::sleep(Duration::from_millis(30));
            known_rate(currency)
        });
        let router = app(sdk);
        let mut requests = tokio::task::JoinSet::new();
        let mut counters = Vec::new();
        for currency in ["EUR", "JPY", "CHF"] {
            let (router, uri) = (router.clone(), format!("/rates/{currency}"));
            let (request, polls) =
                count_polls(async move { get(router, &uri).await });
            counters.push(polls);
            requests.spawn(async move { request.await.0 });
        }
        (requests.join_all().await, counters)
    });
    assert!(
        statuses.iter().all(|status| *status == StatusCode::OK),
        "{statuses:?}"
    );
    for polls in polls {
        // A few polls to start and one per wake-up; the margin is wide.
        polls.assert_at_most(
            20,
            "a request to /rates while others use the two slots",
        );
    }
}
