use concurrent_fetches::{Backend, Dashboard, FetchError, load_dashboard};
use course_testkit::{count_polls, run_paused, run_real_clock, timed};
use std::sync::Mutex;
use std::time::Duration;

const USER: &str = "grace";

/// How one service answers: after `after`, with `outcome`.
#[derive(Debug, Clone)]
struct Reply<T> {
    after: Duration,
    outcome: Result<T, FetchError>,
}

fn ok<T>(after_ms: u64, value: T) -> Reply<T> {
    Reply {
        after: Duration::from_millis(after_ms),
        outcome: Ok(value),
    }
}

fn down<T>(after_ms: u64, service: &'static str) -> Reply<T> {
    Reply {
        after: Duration::from_millis(after_ms),
        outcome: Err(FetchError::Unavailable { service }),
    }
}

fn profile(after_ms: u64) -> Reply<String> {
    ok(after_ms, "Grace Hopper, member since 1944".to_string())
}

fn orders(after_ms: u64) -> Reply<Vec<u32>> {
    ok(after_ms, vec![1043, 7, 1042, 7])
}

fn recommendations(after_ms: u64) -> Reply<Vec<String>> {
    ok(
        after_ms,
        vec!["a kettle".to_string(), "a COBOL manual".to_string()],
    )
}

/// The dashboard made of the replies of `profile`, `orders` and `recommendations`.
fn expected_dashboard() -> Dashboard {
    Dashboard {
        profile: profile(0).outcome.unwrap(),
        orders: orders(0).outcome.unwrap(),
        recommendations: recommendations(0).outcome.unwrap(),
    }
}

/// The checks' backend: each service answers as scripted, and every request that
/// starts is written down.
struct ScriptedBackend {
    profile: Reply<String>,
    orders: Reply<Vec<u32>>,
    recommendations: Reply<Vec<String>>,
    requests: Mutex<Vec<(&'static str, String)>>,
}

impl ScriptedBackend {
    fn new(
        profile: Reply<String>,
        orders: Reply<Vec<u32>>,
        recommendations: Reply<Vec<String>>,
    ) -> Self {
        Self {
            profile,
            orders,
            recommendations,
            requests: Mutex::new(Vec::new()),
        }
    }

    async fn answer<T: Clone>(
        &self,
        service: &'static str,
        user: &str,
        reply: &Reply<T>,
    ) -> Result<T, FetchError> {
        self.requests
            .lock()
            .unwrap()
            .push((service, user.to_string()));
        tokio::time::sleep(reply.after).await;
        reply.outcome.clone()
    }

    /// What the latencies were, for messages.
    fn describe(&self) -> String {
        let part = |name: &str, after: Duration, failed: bool| {
            let how = if failed { "fails" } else { "answers" };
            format!("{name} {how} after {after:?}")
        };
        [
            part("profile", self.profile.after, self.profile.outcome.is_err()),
            part("orders", self.orders.after, self.orders.outcome.is_err()),
            part(
                "recommendations",
                self.recommendations.after,
                self.recommendations.outcome.is_err(),
            ),
        ]
        .join(", ")
    }
}

impl Backend for ScriptedBackend {
    async fn profile(&self, user: &str) -> Result<String, FetchError> {
        self.answer("profile", user, &self.profile).await
    }

    async fn orders(&self, user: &str) -> Result<Vec<u32>, FetchError> {
        self.answer("orders", user, &self.orders).await
    }

    async fn recommendations(&self, user: &str) -> Result<Vec<String>, FetchError> {
        self.answer("recommendations", user, &self.recommendations)
            .await
    }
}

/// Loads the dashboard from `backend` on the paused clock: how long it took, its
/// outcome, and the requests the backend saw, sorted.
fn load(
    backend: ScriptedBackend,
) -> (Duration, Result<Dashboard, FetchError>, ScriptedBackend) {
    run_paused(move || async move {
        let (took, outcome) = timed(load_dashboard(&backend, USER)).await;
        (took, outcome, backend)
    })
}

#[test]
fn the_dashboard_holds_what_each_service_replied() {
    let (_, dashboard, backend) = load(ScriptedBackend::new(
        profile(20),
        orders(30),
        recommendations(10),
    ));
    assert_eq!(dashboard, Ok(expected_dashboard()));
    let mut requests = backend.requests.into_inner().unwrap();
    requests.sort();
    assert_eq!(
        requests,
        [
            ("orders", USER.to_string()),
            ("profile", USER.to_string()),
            ("recommendations", USER.to_string()),
        ],
        "each service should be asked once, about the user given"
    );
}

#[test]
fn the_fetches_overlap() {
    let latencies = [
        [300, 200, 100],
        [300, 100, 200],
        [200, 300, 100],
        [100, 300, 200],
        [200, 100, 300],
        [100, 200, 300],
        [0, 250, 0],
        [0, 0, 0],
    ];
    for [profile_ms, orders_ms, recommendations_ms] in latencies {
        let (took, dashboard, backend) = load(ScriptedBackend::new(
            profile(profile_ms),
            orders(orders_ms),
            recommendations(recommendations_ms),
        ));
        assert_eq!(dashboard, Ok(expected_dashboard()));
        let slowest =
            Duration::from_millis(profile_ms.max(orders_ms).max(recommendations_ms));
        assert_eq!(
            took,
            slowest,
            "when {}, the dashboard took {took:?} of tokio's time. At the same \
             time, the three fetches take as long as the slowest one ({slowest:?}); \
             more means some fetch started only after another ended. A future does \
             nothing until it is polled: creating the three first does not start \
             them, awaiting them together does",
            backend.describe()
        );
    }
}

#[test]
fn a_failed_fetch_comes_back_at_the_moment_it_fails() {
    let cases = [
        (
            ScriptedBackend::new(
                down(100, "profile"),
                orders(300),
                recommendations(200),
            ),
            "profile",
            100,
        ),
        (
            ScriptedBackend::new(
                profile(300),
                down(200, "orders"),
                recommendations(100),
            ),
            "orders",
            200,
        ),
        (
            ScriptedBackend::new(
                profile(300),
                orders(200),
                down(0, "recommendations"),
            ),
            "recommendations",
            0,
        ),
    ];
    for (backend, failed, at_ms) in cases {
        let (took, dashboard, backend) = load(backend);
        assert_eq!(
            dashboard,
            Err(FetchError::Unavailable { service: failed }),
            "when {}, the {failed} service's error must come back to the caller \
             (not a panic, not an empty part)",
            backend.describe()
        );
        assert_eq!(
            took,
            Duration::from_millis(at_ms),
            "when {}, the error came back after {took:?}. Once one fetch has failed \
             the page cannot be built: return that error at once, as gather does, \
             instead of waiting for the slower fetches",
            backend.describe()
        );
    }
}

#[test]
fn when_two_fetches_fail_the_first_failure_comes_back() {
    let cases = [
        (
            ScriptedBackend::new(
                profile(300),
                down(250, "orders"),
                down(50, "recommendations"),
            ),
            "recommendations",
            50,
        ),
        (
            ScriptedBackend::new(
                down(200, "profile"),
                down(100, "orders"),
                recommendations(300),
            ),
            "orders",
            100,
        ),
    ];
    for (backend, first, at_ms) in cases {
        let (took, dashboard, backend) = load(backend);
        assert_eq!(
            (dashboard, took),
            (
                Err(FetchError::Unavailable { service: first }),
                Duration::from_millis(at_ms)
            ),
            "when {}, the {first} service failed first, after {at_ms} ms: its error \
             comes back then, whatever the order in which the fetches were written",
            backend.describe()
        );
    }
}

#[test]
fn a_waiting_dashboard_is_polled_only_when_a_reply_comes() {
    let (dashboard, polls) = run_real_clock(|| async {
        let backend =
            ScriptedBackend::new(profile(20), orders(10), recommendations(5));
        let (loading, polls) = count_polls(load_dashboard(&backend, USER));
        let dashboard = loading.await;
        (dashboard, polls.get())
    });
    assert_eq!(dashboard, Ok(expected_dashboard()));
    assert!(
        polls <= 8,
        "load_dashboard was polled {polls} times while three replies came in (after \
         5, 10 and 20 ms of real time); a future that waits for its waker is polled \
         about once per reply. It polls itself in a loop instead (a waker woken at \
         once, a yield): the fetches' futures wake the task when they can make \
         progress, so await them together rather than re-polling them"
    );
}
