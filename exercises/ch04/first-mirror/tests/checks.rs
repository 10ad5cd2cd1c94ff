use course_testkit::{run_paused, timed};
use first_mirror::{
    AllMirrorsFailed, Mirror, MirrorError, Package, download_from_first,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Mirrors `(host, latency in ms, broken)` that share one `completed` counter.
fn mirrors(
    specs: &[(&'static str, u64, bool)],
    completed: &Arc<AtomicUsize>,
) -> Vec<Mirror> {
    specs
        .iter()
        .map(|&(host, latency_ms, broken)| Mirror {
            host,
            latency: Duration::from_millis(latency_ms),
            broken,
            completed_downloads: completed.clone(),
        })
        .collect()
}

/// The first in the list is slow, the fastest is broken, the first success comes
/// third.
const MIXED: [(&str, u64, bool); 4] = [
    ("eu.mirror.example", 300, false),
    ("us.mirror.example", 100, true),
    ("asia.mirror.example", 200, false),
    ("backup.mirror.example", 5000, false),
];

#[test]
fn the_first_successful_download_wins_when_it_succeeds() {
    let (took, result) = run_paused(|| async {
        let mirrors = mirrors(&MIXED, &Arc::default());
        timed(download_from_first(&mirrors, "serde")).await
    });
    assert_eq!(
        result,
        Ok(Package {
            name: "serde",
            from: "asia.mirror.example",
        }),
        "asia (200 ms) is the first mirror to succeed: eu is slower (300 ms), and \
         us answers first (100 ms) but fails. An error must not end the race"
    );
    assert_eq!(
        took,
        Duration::from_millis(200),
        "the download came back after {took:?} of virtual time; asking all mirrors \
         at once, the first success arrives at 200 ms. Were the mirrors asked one \
         after another?"
    );
}

#[test]
fn the_other_downloads_are_stopped_once_one_succeeds() {
    let completed = run_paused(|| async {
        let completed = Arc::new(AtomicUsize::new(0));
        let mirrors = mirrors(&MIXED, &completed);
        download_from_first(&mirrors, "serde")
            .await
            .expect("asia succeeds");
        // Long after eu (300 ms) and backup (5 s) would have finished, had they kept
        // running.
        tokio::time::sleep(Duration::from_secs(60)).await;
        completed.load(Ordering::SeqCst)
    });
    assert_eq!(
        completed, 2,
        "{completed} downloads ran to their end; only us (failed at 100 ms) and \
         asia (the winner, 200 ms) should have. The others kept downloading after \
         the winner was known: drop (or abort) them when you return"
    );
}

#[test]
fn when_every_mirror_fails_every_error_comes_back_in_order_of_failure() {
    let (took, result) = run_paused(|| async {
        let specs = [
            ("eu.mirror.example", 200, true),
            ("asia.mirror.example", 300, true),
            ("us.mirror.example", 100, true),
        ];
        let mirrors = mirrors(&specs, &Arc::default());
        timed(download_from_first(&mirrors, "serde")).await
    });
    let error = |host| MirrorError {
        host,
        reason: "checksum mismatch",
    };
    assert_eq!(
        result,
        Err(AllMirrorsFailed {
            errors: vec![
                error("us.mirror.example"),
                error("eu.mirror.example"),
                error("asia.mirror.example"),
            ],
        }),
        "every mirror failed: expected all three errors, in the order the mirrors \
         failed (us at 100 ms, eu at 200 ms, asia at 300 ms)"
    );
    assert_eq!(
        took,
        Duration::from_millis(300),
        "the last mirror fails at 300 ms; the answer came after {took:?} of virtual \
         time"
    );
}

#[test]
fn no_mirror_means_no_package() {
    let result = run_paused(|| async { download_from_first(&[], "serde").await });
    assert_eq!(result, Err(AllMirrorsFailed { errors: Vec::new() }));
}
