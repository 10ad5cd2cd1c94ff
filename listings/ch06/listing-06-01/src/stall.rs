//! A stall detector to paste into a service: a heartbeat task that says how late
//! the runtime woke it.

// ANCHOR: detector
use std::time::Duration;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// Spawns a task that asks to be woken every `period` and calls `report` with how
/// late it was woken, whenever that is at least `threshold`.
///
/// A task is woken late when the thread that should run it is busy with something
/// that does not reach an `.await`: a blocking call, or a long computation. Stop the
/// detector by aborting the handle (dropping it leaves the detector running).
pub fn spawn_stall_detector<Report>(
    period: Duration,
    threshold: Duration,
    mut report: Report,
) -> JoinHandle<()>
where
    Report: FnMut(Duration) + Send + 'static,
{
    tokio::spawn(async move {
        let mut due = Instant::now() + period;
        loop {
            tokio::time::sleep_until(due).await;
            let late = Instant::now().saturating_duration_since(due);
            if late >= threshold {
                report(late);
            }
            // The next beat is one period after this one woke: a long stall is
            // reported once, not once for every beat it swallowed.
            due = Instant::now() + period;
        }
    })
}
// ANCHOR_END: detector

// ANCHOR: service
/// What a service starts at start-up: stalls of 20 ms or more, on stderr. The
/// threshold keeps the timer's granularity (1 ms) out of the logs.
#[cfg_attr(not(test), expect(dead_code, reason = "shown in the book"))]
pub fn spawn_stall_logger() -> JoinHandle<()> {
    spawn_stall_detector(
        Duration::from_millis(100),
        Duration::from_millis(20),
        |late| eprintln!("runtime stalled: the heartbeat woke {late:?} late"),
    )
}
// ANCHOR_END: service

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    // ANCHOR: test
    #[tokio::test(start_paused = true)]
    async fn reports_how_late_a_stalled_runtime_woke_it() {
        let reports = Arc::new(Mutex::new(Vec::new()));
        let detector =
            spawn_stall_detector(Duration::from_millis(5), Duration::ZERO, {
                let reports = reports.clone();
                move |late| reports.lock().unwrap().push(late)
            });
        tokio::time::sleep(Duration::from_millis(7)).await;
        // On the paused clock, this is what a blocking call of 50 ms looks like to
        // the runtime: the time passes, and no task runs meanwhile.
        tokio::time::advance(Duration::from_millis(50)).await;
        tokio::time::sleep(Duration::from_millis(1)).await;
        detector.abort();
        // Beats were due at 5 ms (on time) and at 10 ms: woken at 57 ms, 47 ms late.
        let reports = reports.lock().unwrap();
        assert_eq!(
            *reports,
            [Duration::ZERO, Duration::from_millis(47)],
            "one beat on time, then the stall"
        );
    }
    // ANCHOR_END: test

    #[tokio::test(start_paused = true)]
    async fn the_logger_runs_until_aborted() {
        let logger = spawn_stall_logger();
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(!logger.is_finished(), "a heartbeat never ends by itself");
        logger.abort();
    }
}
