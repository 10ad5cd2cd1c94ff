use course_testkit::{run_paused, timed};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use tokio::time::Instant;
use unblock_the_export::{ExportError, ExportJob, MAX_CHECKS, wait_for_export};

fn job_ready_after(delay: Option<Duration>) -> ExportJob {
    ExportJob {
        ready_at: delay.map(|delay| Instant::now() + delay),
        checks: AtomicU32::new(0),
    }
}

#[test]
fn a_job_ready_after_one_second_is_reported_after_one_second() {
    let (took, address, checks) = run_paused(|| async {
        let job = job_ready_after(Some(Duration::from_secs(1)));
        let (took, address) = timed(wait_for_export(&job)).await;
        (took, address, job.checks.load(Ordering::Relaxed))
    });
    assert_eq!(
        took,
        Duration::from_secs(1),
        "the export was reported after {took:?} on tokio's clock, in {checks} checks (result: \
         {address:?}); it was ready after exactly 1 s, and each pause should last 250 ms of that \
         clock. A blocking sleep (std::thread::sleep) does not move tokio's clock, and a yield \
         does not wait: the pauses must await a tokio timer"
    );
    assert_eq!(
        address.as_deref(),
        Ok("https://files.example.com/export-2024.csv")
    );
    assert_eq!(checks, 5, "expected checks at 0, 250, 500, 750 and 1000 ms");
}

#[test]
fn other_tasks_keep_running_while_the_export_is_awaited() {
    let beats = run_paused(|| async {
        let beats = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&beats);
        // A heartbeat on the same thread, every 100 ms.
        let heartbeat = tokio::spawn(async move {
            let mut ticks = tokio::time::interval(Duration::from_millis(100));
            loop {
                ticks.tick().await;
                counter.fetch_add(1, Ordering::Relaxed);
            }
        });
        let job = job_ready_after(Some(Duration::from_secs(1)));
        let _ = wait_for_export(&job).await;
        heartbeat.abort();
        beats.load(Ordering::Relaxed)
    });
    assert!(
        beats >= 10,
        "the heartbeat task beat {beats} times while the export was awaited for 1 s (one beat \
         per 100 ms expected): something in wait_for_export keeps the thread to itself"
    );
}

#[test]
fn a_job_that_never_finishes_gives_up_after_the_last_check() {
    let (took, outcome, checks) = run_paused(|| async {
        let job = job_ready_after(None);
        let (took, outcome) = timed(wait_for_export(&job)).await;
        (took, outcome, job.checks.load(Ordering::Relaxed))
    });
    assert_eq!(outcome, Err(ExportError::GaveUp));
    assert_eq!(checks, MAX_CHECKS);
    assert_eq!(
        took,
        Duration::from_millis(250) * MAX_CHECKS,
        "giving up took {took:?} of tokio's time: {MAX_CHECKS} checks with a 250 ms pause after \
         each take 3 s, if the pauses are awaited"
    );
}
