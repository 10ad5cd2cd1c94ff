use course_testkit::{
    OsThreads, count_polls, live_tasks, run_paused, run_real_clock, timed,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use tokio::time::Instant;
use unblock_the_export::{ExportError, ExportJob, wait_for_export};

// The checks' own copies of the task's numbers: an answer that changes the crate's
// constants is measured against these.
/// The pause between two status checks.
const INTERVAL: Duration = Duration::from_millis(250);
/// The number of status checks before giving up.
const MAX_CHECKS: u32 = 12;
/// Where the checks' export job puts its file.
const ADDRESS: &str = "exports/sales-2024-q3.csv";

fn job_ready_after(delay: Option<Duration>) -> ExportJob {
    ExportJob {
        address: ADDRESS.to_string(),
        ready_at: delay.map(|delay| Instant::now() + delay),
        checks: AtomicU32::new(0),
    }
}

/// What one call of `wait_for_export` did, on the paused clock.
#[derive(Debug, PartialEq)]
struct Wait {
    took: Duration,
    outcome: Result<String, ExportError>,
    checks: u32,
}

/// Waits for a job that is done after `delay` (never if `None`).
fn wait_for_job_ready_after(delay: Option<Duration>) -> Wait {
    run_paused(move || async move {
        let job = job_ready_after(delay);
        let (took, outcome) = timed(wait_for_export(&job)).await;
        Wait {
            took,
            outcome,
            checks: job.checks.load(Ordering::Relaxed),
        }
    })
}

/// A job found done at the `check`-th status check (counting from 1).
fn found_at_check(check: u32) -> Wait {
    Wait {
        took: INTERVAL * (check - 1),
        outcome: Ok(ADDRESS.to_string()),
        checks: check,
    }
}

#[test]
fn a_job_ready_after_one_second_is_reported_after_one_second() {
    for ready_after in [Duration::from_secs(1), Duration::from_millis(900)] {
        let wait = wait_for_job_ready_after(Some(ready_after));
        assert_eq!(
            wait,
            found_at_check(5),
            "a job done after {ready_after:?} is found by the check at 1 s, the 5th \
             (at 0, 250, 500, 750 and 1000 ms of tokio's clock). Each pause must \
             last 250 ms of that clock: a blocking sleep (std::thread::sleep) does \
             not move it, a yield does not wait at all, and an interval's first \
             tick is immediate"
        );
    }
}

#[test]
fn a_job_ready_at_once_is_reported_without_a_pause() {
    let wait = wait_for_job_ready_after(Some(Duration::ZERO));
    assert_eq!(
        wait,
        found_at_check(1),
        "a job already done is found by the first check, at once: no pause comes \
         before it"
    );
}

#[test]
fn a_job_ready_at_the_last_check_is_still_reported() {
    let wait = wait_for_job_ready_after(Some(INTERVAL * (MAX_CHECKS - 1)));
    assert_eq!(
        wait,
        found_at_check(MAX_CHECKS),
        "a job done after 2.75 s is found by the 12th and last check, at 2750 ms"
    );
}

#[test]
fn a_job_that_never_finishes_gives_up_right_after_the_last_check() {
    let wait = wait_for_job_ready_after(None);
    assert_eq!(
        wait,
        Wait {
            took: INTERVAL * (MAX_CHECKS - 1),
            outcome: Err(ExportError::GaveUp),
            checks: MAX_CHECKS,
        },
        "a job that never finishes gets 12 checks, 250 ms apart, then GaveUp at \
         once, at 2750 ms: 11 pauses, none after the last check (the checks keep \
         their own copies of 12 and 250 ms)"
    );
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
        (10..=11).contains(&beats),
        "a heartbeat task, every 100 ms on the same thread, beat {beats} time(s) \
         while the export was awaited for 1 s (10 or 11 expected): something in \
         wait_for_export keeps the thread to itself"
    );
}

#[test]
fn wait_for_export_leaves_no_task_behind() {
    let left = run_paused(|| async {
        let job = job_ready_after(Some(Duration::from_secs(1)));
        let _ = wait_for_export(&job).await;
        live_tasks().await
    });
    assert_eq!(
        left, 0,
        "{left} task(s) were still alive after wait_for_export returned. A pause \
         that spawns its sleep as a task does not wait for it (the check goes on at \
         once) and leaves the task behind: await the sleep itself"
    );
}

#[test]
fn on_a_real_clock_the_pauses_wait_on_a_timer() {
    let (outcome, checks, polls, threads_started) = run_real_clock(|| async {
        let threads = OsThreads::start();
        // Done long before the second check, 250 ms of real time after the first.
        let job = job_ready_after(Some(Duration::from_millis(1)));
        let (waiting, polls) = count_polls(wait_for_export(&job));
        let outcome = waiting.await;
        let started = threads.started();
        (
            outcome,
            job.checks.load(Ordering::Relaxed),
            polls.get(),
            started,
        )
    });
    assert_eq!(outcome.as_deref(), Ok(ADDRESS));
    assert_eq!(
        checks, 2,
        "the job was done 1 ms after the first check: the second, 250 ms later, \
         finds it"
    );
    assert!(
        polls <= 8,
        "wait_for_export was polled {polls} times for 2 checks and one pause of 250 \
         ms; waiting on a timer needs a handful. The pause checks the clock again \
         and again instead of waiting: a loop that yields until the clock reads the \
         end of the pause spins a core (and never ends on the paused clock, which \
         moves only when every task waits). Await tokio::time::sleep"
    );
    if let Some(started) = threads_started {
        assert_eq!(
            started, 0,
            "wait_for_export started {started} OS thread(s) that were still running \
             when it returned. A pause needs a timer, not a thread: spawn_blocking \
             puts each sleep on a thread of tokio's blocking pool (up to 512 of \
             them, kept 10 s after use), where tokio::time::sleep costs no thread \
             at all"
        );
    }
}
