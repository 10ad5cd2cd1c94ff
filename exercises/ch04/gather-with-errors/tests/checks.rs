use course_testkit::{run_paused, timed};
use gather_with_errors::{CheckError, Health, Service, check_all};
use std::time::Duration;

fn service(name: &'static str, latency_ms: u64, down: bool) -> Service {
    Service {
        name,
        latency: Duration::from_millis(latency_ms),
        down,
    }
}

/// The slowest service comes first and a fast one fails: neither may change the
/// answer's order.
fn status_page() -> Vec<Service> {
    vec![
        service("billing", 300, false),
        service("search", 100, true),
        service("accounts", 200, false),
    ]
}

#[test]
fn returns_one_result_per_service_in_order_with_errors_as_values() {
    let results = run_paused(|| async { check_all(&status_page()).await });
    assert_eq!(
        results,
        vec![
            Ok(Health {
                service: "billing",
                answered_in: Duration::from_millis(300),
            }),
            Err(CheckError::Unreachable { service: "search" }),
            Ok(Health {
                service: "accounts",
                answered_in: Duration::from_millis(200),
            }),
        ],
        "expected one result per service, in the order of the services, with the \
         failed check kept as an Err value (not dropped, not turned into a panic)"
    );
}

#[test]
fn a_failed_check_does_not_cut_the_others_short() {
    let (took, results) =
        run_paused(|| async { timed(check_all(&status_page())).await });
    assert_eq!(
        results.len(),
        3,
        "every service needs a result, even after one failed"
    );
    assert_eq!(
        took,
        Duration::from_millis(300),
        "checking took {took:?} of virtual time. At the same time, the checks take \
         as long as the slowest service (300 ms): 600 ms means one after another, \
         100 ms means you stopped at the first error"
    );
}

#[test]
fn checks_a_thousand_services_in_the_time_of_the_slowest() {
    let services: Vec<Service> = (0..1000)
        .map(|i| service("replica", i % 1000 + 1, i % 7 == 0))
        .collect();
    let (took, results) =
        run_paused(move || async move { timed(check_all(&services)).await });
    assert_eq!(results.len(), 1000);
    assert_eq!(
        results.iter().filter(|result| result.is_err()).count(),
        143,
        "every seventh service is down: its error must be in the results"
    );
    assert_eq!(
        took,
        Duration::from_secs(1),
        "1,000 checks took {took:?} of virtual time; at the same time they take 1 \
         s, the slowest latency. Were they awaited one after another?"
    );
}
