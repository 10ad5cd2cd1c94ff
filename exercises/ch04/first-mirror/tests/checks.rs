use course_testkit::{
    catching_panics, count_polls, live_tasks, run_paused, run_real_clock, timed,
};
use first_mirror::{AllMirrorsFailed, MirrorError, Package, download_from_first};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How one mirror answers: after `latency_ms`, with the package, or with the error
/// `reason` when it is broken.
#[derive(Clone, Copy)]
struct Behaviour {
    latency_ms: u64,
    broken: Option<&'static str>,
}

const fn works(latency_ms: u64) -> Behaviour {
    Behaviour {
        latency_ms,
        broken: None,
    }
}

const fn fails(latency_ms: u64, reason: &'static str) -> Behaviour {
    Behaviour {
        latency_ms,
        broken: Some(reason),
    }
}

/// The checks' stand-in for the mirrors: how each answers, which downloads started
/// and which ran to their end. The checks compare the answer with what these mirrors
/// did, never with anything of the crate under test.
#[derive(Clone)]
struct Mirrors {
    hosts: Arc<HashMap<&'static str, Behaviour>>,
    started: Arc<Mutex<Vec<&'static str>>>,
    completed: Arc<Mutex<Vec<&'static str>>>,
}

impl Mirrors {
    fn new(mirrors: &[(&'static str, Behaviour)]) -> Self {
        Self {
            hosts: Arc::new(mirrors.iter().copied().collect()),
            started: Arc::default(),
            completed: Arc::default(),
        }
    }

    /// A download of the package `serde` from `host`: it counts as started at its
    /// first poll, and as completed when it gets to its end.
    fn download(
        &self,
        host: &'static str,
    ) -> impl Future<Output = Result<Package, MirrorError>> + Send + 'static {
        let mirrors = self.clone();
        async move {
            let behaviour = mirrors.hosts[host];
            mirrors.started.lock().unwrap().push(host);
            tokio::time::sleep(Duration::from_millis(behaviour.latency_ms)).await;
            mirrors.completed.lock().unwrap().push(host);
            match behaviour.broken {
                None => Ok(Package {
                    name: "serde",
                    from: host,
                }),
                Some(reason) => Err(MirrorError { host, reason }),
            }
        }
    }

    fn sorted(list: &Mutex<Vec<&'static str>>) -> Vec<&'static str> {
        let mut hosts = list.lock().unwrap().clone();
        hosts.sort_unstable();
        hosts
    }
}

fn hosts(mirrors: &[(&'static str, Behaviour)]) -> Vec<&'static str> {
    mirrors.iter().map(|&(host, _)| host).collect()
}

/// The first in the list is slow, the fastest is broken, the first success comes
/// third in time and in the list, and a slower success comes after it.
const MIXED: [(&str, Behaviour); 5] = [
    ("eu.mirror.example", works(300)),
    ("us.mirror.example", fails(100, "checksum mismatch")),
    ("asia.mirror.example", works(200)),
    ("backup.mirror.example", works(5000)),
    ("au.mirror.example", fails(150, "connection reset")),
];

#[test]
fn the_first_successful_download_wins_when_it_succeeds() {
    let mirrors = Mirrors::new(&MIXED);
    let (took, result) = run_paused(move || async move {
        let download = |host| mirrors.download(host);
        timed(download_from_first(&hosts(&MIXED), download)).await
    });
    assert_eq!(
        result,
        Ok(Package {
            name: "serde",
            from: "asia.mirror.example",
        }),
        "asia (200 ms) is the first mirror to succeed: eu is first in the list but \
         slower (300 ms), and us and au answer sooner (100 and 150 ms) but fail. A \
         failure must not end the race"
    );
    assert_eq!(
        took,
        Duration::from_millis(200),
        "the download came back after {took:?} of virtual time; asking all mirrors \
         at once, the first success arrives at 200 ms. Were the mirrors asked one \
         after another, or every answer awaited?"
    );
}

#[test]
fn no_download_finishes_after_the_winner() {
    let mirrors = Mirrors::new(&MIXED);
    let watched = mirrors.clone();
    let tasks_left = run_paused(move || async move {
        let download = |host| mirrors.download(host);
        download_from_first(&hosts(&MIXED), download)
            .await
            .expect("asia succeeds");
        let tasks_left = live_tasks().await;
        // Long after eu (300 ms) and backup (5 s) would have finished, had they kept
        // running.
        tokio::time::sleep(Duration::from_secs(60)).await;
        tasks_left
    });
    assert_eq!(
        tasks_left, 0,
        "{tasks_left} task(s) were still alive after download_from_first returned: \
         a spawned download keeps running when its JoinHandle is dropped. Stop the \
         losers (abort them, or do not spawn them)"
    );
    assert_eq!(
        Mirrors::sorted(&watched.completed),
        [
            "asia.mirror.example",
            "au.mirror.example",
            "us.mirror.example"
        ],
        "the downloads that ran to their end (left): only us and au (failed at 100 \
         and 150 ms) and asia (the winner, 200 ms) may. The others kept downloading \
         after the winner was known: drop (or abort) them when you return"
    );
}

/// Every mirror fails, in an order that is neither the list's nor the names'.
const ALL_BROKEN: [(&str, Behaviour); 4] = [
    ("eu.mirror.example", fails(200, "checksum mismatch")),
    ("asia.mirror.example", fails(300, "connection reset")),
    ("us.mirror.example", fails(100, "checksum mismatch")),
    ("au.mirror.example", fails(250, "not found")),
];

#[test]
fn when_every_mirror_fails_every_error_comes_back_in_order_of_failure() {
    let mirrors = Mirrors::new(&ALL_BROKEN);
    let (took, result) = run_paused(move || async move {
        let download = |host| mirrors.download(host);
        timed(download_from_first(&hosts(&ALL_BROKEN), download)).await
    });
    let error = |host, reason| MirrorError { host, reason };
    assert_eq!(
        result,
        Err(AllMirrorsFailed {
            errors: vec![
                error("us.mirror.example", "checksum mismatch"),
                error("eu.mirror.example", "checksum mismatch"),
                error("au.mirror.example", "not found"),
                error("asia.mirror.example", "connection reset"),
            ],
        }),
        "every mirror failed: expected all four errors, each with its own reason, in \
         the order the mirrors failed (us at 100 ms, eu at 200, au at 250, asia at \
         300), not in the order of the list"
    );
    assert_eq!(
        took,
        Duration::from_millis(300),
        "the last mirror fails at 300 ms; the answer came after {took:?} of virtual \
         time"
    );
}

#[test]
fn each_mirror_is_asked_exactly_once() {
    let mirrors = Mirrors::new(&ALL_BROKEN);
    let watched = mirrors.clone();
    run_paused(move || async move {
        let download = |host| mirrors.download(host);
        download_from_first(&hosts(&ALL_BROKEN), download).await
    })
    .expect_err("every mirror is broken");
    let mut expected = hosts(&ALL_BROKEN);
    expected.sort_unstable();
    assert_eq!(
        Mirrors::sorted(&watched.started),
        expected,
        "the downloads that started (left), by mirror: each mirror must be asked \
         exactly once. A mirror asked twice was retried, which the task does not \
         ask for; a mirror missing was never asked"
    );
}

#[test]
fn no_mirror_means_no_package_at_once() {
    let mirrors = Mirrors::new(&[]);
    let (took, result) = run_paused(move || async move {
        let download = |host| mirrors.download(host);
        timed(catching_panics(download_from_first(&[], download))).await
    });
    let result = result.unwrap_or_else(|panic| {
        panic!(
            "with no mirrors, download_from_first panicked (\"{panic}\"): some \
             helpers refuse an empty list (futures::future::select_all and select_ok \
             do). No mirror is a legal input, and its answer is an error with no \
             errors in it"
        )
    });
    assert_eq!(result, Err(AllMirrorsFailed { errors: Vec::new() }));
    assert_eq!(
        took,
        Duration::ZERO,
        "with no mirror, there is nothing to wait for"
    );
}

#[test]
fn waits_for_the_downloads_without_spinning() {
    // On the real clock, with downloads of a few milliseconds.
    let quick = [
        ("eu.mirror.example", works(40)),
        ("us.mirror.example", fails(5, "checksum mismatch")),
        ("asia.mirror.example", works(20)),
    ];
    let mirrors = Mirrors::new(&quick);
    let (result, polls) = run_real_clock(move || async move {
        let download = |host| mirrors.download(host);
        let hosts = hosts(&quick);
        let (downloading, polls) =
            count_polls(download_from_first(&hosts, download));
        (downloading.await, polls)
    });
    assert_eq!(
        result,
        Ok(Package {
            name: "serde",
            from: "asia.mirror.example",
        }),
        "the same winner as on the paused clock"
    );
    // One poll to start, then about one per download that ends; the margin is wide.
    polls.assert_at_most(20, "download_from_first");
}
