use course_testkit::{count_polls, live_tasks, run_paused, run_real_clock, timed};
use gather_with_errors::{CheckError, Health, Service, check_all};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How one host answers in the checks' own stand-in for the network.
#[derive(Clone, Copy)]
struct Behaviour {
    latency: Duration,
    down: bool,
}

/// The checks' stand-in for the network: how each host answers, and which hosts were
/// asked and which answered. The checks compare the answer with what this network
/// did, never with anything of the crate under test.
#[derive(Clone)]
struct Network {
    hosts: Arc<HashMap<&'static str, Behaviour>>,
    asked: Arc<Mutex<Vec<&'static str>>>,
    answered: Arc<Mutex<Vec<&'static str>>>,
}

impl Network {
    fn new(services: &[(Service, u64, bool)]) -> Self {
        let hosts = services
            .iter()
            .map(|&(service, latency_ms, down)| {
                let latency = Duration::from_millis(latency_ms);
                (service.host, Behaviour { latency, down })
            })
            .collect();
        Self {
            hosts: Arc::new(hosts),
            asked: Arc::default(),
            answered: Arc::default(),
        }
    }

    /// A health check of `service`: it counts as asked when it starts (a future
    /// does nothing before its first poll), and as answered when it gets to its end.
    fn check(
        &self,
        service: Service,
    ) -> impl Future<Output = Result<Health, CheckError>> + Send + 'static {
        let network = self.clone();
        async move {
            let latency = network.hosts[service.host].latency;
            network.asked.lock().unwrap().push(service.host);
            tokio::time::sleep(latency).await;
            network.answered.lock().unwrap().push(service.host);
            network.expected(service)
        }
    }

    /// What checking `service` must give.
    fn expected(&self, service: Service) -> Result<Health, CheckError> {
        let Behaviour { latency, down } = self.hosts[service.host];
        if down {
            Err(CheckError::Unreachable { host: service.host })
        } else {
            Ok(Health {
                host: service.host,
                answered_in: latency,
            })
        }
    }

    fn asked(&self) -> Vec<&'static str> {
        self.asked.lock().unwrap().clone()
    }

    fn answered(&self) -> Vec<&'static str> {
        self.answered.lock().unwrap().clone()
    }
}

fn service(name: &'static str, host: &'static str) -> Service {
    Service { name, host }
}

/// A status page in no friendly order: the slowest service comes first, the fastest
/// ones fail, and two services run as two replicas whose results differ.
fn status_page() -> Vec<(Service, u64, bool)> {
    vec![
        (service("billing", "billing-1.internal"), 300, false),
        (service("search", "search-1.internal"), 100, true),
        (service("accounts", "accounts-1.internal"), 200, false),
        (service("search", "search-2.internal"), 250, false),
        (service("accounts", "accounts-2.internal"), 50, true),
    ]
}

fn entries(page: &[(Service, u64, bool)]) -> Vec<Service> {
    page.iter().map(|&(service, _, _)| service).collect()
}

#[test]
fn returns_one_result_per_service_in_order_with_errors_as_values() {
    let page = status_page();
    let network = Network::new(&page);
    let services = entries(&page);
    let expected: Vec<_> = services.iter().map(|&s| network.expected(s)).collect();
    let results = run_paused(move || async move {
        check_all(&services, |service| network.check(service)).await
    });
    assert_eq!(
        results, expected,
        "expected one result per entry of `services`, in that order (not in the \
         order the checks finished: billing, the slowest, is first), with each \
         failed check kept as an Err value, and each replica with its own result \
         (search-1 is down, search-2 is up: results matched by name mix them up)"
    );
}

#[test]
fn a_failed_check_does_not_cut_the_others_short() {
    let page = status_page();
    let network = Network::new(&page);
    let services = entries(&page);
    let watched = network.clone();
    let (took, results) = run_paused(move || async move {
        timed(check_all(&services, |service| network.check(service))).await
    });
    assert_eq!(
        results.len(),
        5,
        "every service needs a result, even after a check failed"
    );
    let mut answered = watched.answered();
    answered.sort_unstable();
    let mut hosts: Vec<_> = entries(&status_page()).iter().map(|s| s.host).collect();
    hosts.sort_unstable();
    assert_eq!(
        answered, hosts,
        "the checks that ran to their end (left) must be every service's, once \
         each: the failed ones do not stop the others"
    );
    assert_eq!(
        took,
        Duration::from_millis(300),
        "checking took {took:?} of virtual time. At the same time, the checks take \
         as long as the slowest service (300 ms): 900 ms means one after another, \
         50 ms means you stopped at the first error"
    );
}

#[test]
fn each_service_is_checked_exactly_once() {
    let page = status_page();
    let network = Network::new(&page);
    let services = entries(&page);
    let watched = network.clone();
    run_paused(move || async move {
        check_all(&services, |service| network.check(service)).await
    });
    let mut asked = watched.asked();
    asked.sort_unstable();
    let mut hosts: Vec<_> = entries(&page).iter().map(|s| s.host).collect();
    hosts.sort_unstable();
    assert_eq!(
        asked, hosts,
        "each entry must be checked exactly once (the first list is every check \
         that started, by host). A host asked twice was retried: a status page \
         reports what it saw; a host missing was never checked"
    );
}

/// A host name for a generated service; checks run once per process, so the few
/// bytes leaked to make it `'static` are harmless.
fn host_name(number: u32) -> &'static str {
    Box::leak(format!("replica-{number}.internal").into_boxed_str())
}

#[test]
fn checks_a_thousand_services_in_the_time_of_the_slowest() {
    // Latencies from 1 ms to 1 s, in scrambled order (7919 is prime, so this visits
    // every value once); every seventh service is down; all share one name.
    let page: Vec<(Service, u64, bool)> = (0..1000u32)
        .map(|i| {
            let latency_ms = u64::from(i * 7919 % 1000 + 1);
            (service("replica", host_name(i)), latency_ms, i % 7 == 3)
        })
        .collect();
    let network = Network::new(&page);
    let services = entries(&page);
    let expected: Vec<_> = services.iter().map(|&s| network.expected(s)).collect();
    let (took, results) = run_paused(move || async move {
        timed(check_all(&services, |service| network.check(service))).await
    });
    assert_eq!(results.len(), 1000, "1,000 services need 1,000 results");
    let first_wrong = results.iter().zip(&expected).position(|(r, e)| r != e);
    assert_eq!(
        first_wrong, None,
        "the results differ from the services' answers, first at entry {:?}: one \
         result per entry, in the order of `services`, errors kept as values",
        first_wrong
    );
    assert_eq!(
        took,
        Duration::from_secs(1),
        "1,000 checks took {took:?} of virtual time; all at the same time they take \
         1 s, the slowest latency. More means they ran one after another, or in \
         batches: the task asks for every check at once, however many"
    );
}

#[test]
fn no_services_give_an_empty_page_at_once() {
    let network = Network::new(&[]);
    let (took, results) = run_paused(move || async move {
        timed(check_all(&[], |service| network.check(service))).await
    });
    assert_eq!(results, Vec::new(), "no services, no results");
    assert_eq!(
        took,
        Duration::ZERO,
        "with nothing to check, nothing to wait for"
    );
}

#[test]
fn a_page_that_stops_waiting_stops_every_check() {
    let page = status_page();
    let network = Network::new(&page);
    let services = entries(&page);
    let watched = network.clone();
    let (gave_up, tasks_left) = run_paused(move || async move {
        // The caller gives up after 150 ms: by then only accounts-2 (50 ms) and
        // search-1 (100 ms) have answered.
        let limit = Duration::from_millis(150);
        let checking = check_all(&services, |service| network.check(service));
        let gave_up = tokio::time::timeout(limit, checking).await.is_err();
        let tasks_left = live_tasks().await;
        // Long after every check would have answered, had it kept running.
        tokio::time::sleep(Duration::from_secs(60)).await;
        (gave_up, tasks_left)
    });
    assert!(
        gave_up,
        "the checks take 300 ms, so a 150 ms timeout must expire"
    );
    assert_eq!(
        tasks_left, 0,
        "{tasks_left} task(s) were still alive after the caller dropped check_all: \
         a task that nobody awaits any more keeps running. Dropping a JoinHandle \
         detaches its task; abort the tasks, or do not spawn any"
    );
    let mut answered = watched.answered();
    answered.sort_unstable();
    assert_eq!(
        answered,
        ["accounts-2.internal", "search-1.internal"],
        "the checks that ran to their end (left): by 150 ms, when the caller gave \
         up, accounts-2 and search-1 had answered (fewer means the checks were not \
         all running at once); after it, no check may finish (more means checks \
         kept running after check_all was dropped)"
    );
}

#[test]
fn waits_for_the_checks_without_spinning() {
    // On the real clock, with latencies of a few milliseconds.
    let page = vec![
        (service("billing", "billing-1.internal"), 30, false),
        (service("search", "search-1.internal"), 5, true),
        (service("accounts", "accounts-1.internal"), 15, false),
        (service("search", "search-2.internal"), 25, false),
    ];
    let network = Network::new(&page);
    let services = entries(&page);
    let expected: Vec<_> = services.iter().map(|&s| network.expected(s)).collect();
    let (results, polls) = run_real_clock(move || async move {
        let (checking, polls) =
            count_polls(check_all(&services, |service| network.check(service)));
        (checking.await, polls)
    });
    assert_eq!(results, expected, "the same answers as on the paused clock");
    // One poll to start, then about one per check that answers; the margin is wide.
    polls.assert_at_most(40, "check_all");
}
