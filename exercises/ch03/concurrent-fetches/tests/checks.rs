use concurrent_fetches::{Backend, Dashboard, FetchError, load_dashboard};
use course_testkit::{run_paused, timed};
use std::time::Duration;

fn backend(orders_down: bool) -> Backend {
    Backend {
        profile_latency: Duration::from_millis(300),
        orders_latency: Duration::from_millis(200),
        recommendations_latency: Duration::from_millis(100),
        orders_down,
    }
}

#[test]
fn the_dashboard_holds_what_the_services_returned() {
    let dashboard =
        run_paused(|| async { load_dashboard(&backend(false), "ada").await });
    assert_eq!(
        dashboard,
        Ok(Dashboard {
            profile: "ada (member since 2019)".to_string(),
            orders: vec![3, 1042, 1043],
            recommendations: vec![
                "a book for ada".to_string(),
                "a kettle".to_string()
            ],
        })
    );
}

#[test]
fn the_fetches_overlap() {
    let (took, _) =
        run_paused(|| async { timed(load_dashboard(&backend(false), "ada")).await });
    assert_eq!(
        took,
        Duration::from_millis(300),
        "the dashboard took {took:?} of virtual time; at the same time, the three fetches take as \
         long as the slowest one (300 ms). 600 ms means they ran one after another"
    );
}

#[test]
fn a_failed_fetch_comes_back_as_the_error_as_soon_as_it_fails() {
    let (took, dashboard) =
        run_paused(|| async { timed(load_dashboard(&backend(true), "ada")).await });
    assert_eq!(
        dashboard,
        Err(FetchError::Unavailable { service: "orders" }),
        "the orders service was down: its error must come back to the caller"
    );
    assert_eq!(
        took,
        Duration::from_millis(200),
        "the error came back after {took:?}; the orders service failed after 200 ms, and there \
         is no point waiting for the profile (300 ms) once the page cannot be built"
    );
}
