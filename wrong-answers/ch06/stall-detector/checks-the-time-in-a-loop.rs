//! Yields in a loop until the beat is due: the runtime stays free, but the task
//! is polled again and again, and keeps a core busy while it waits.
//!
//! kind: busy-wait
//! caught-by: waits_for_its_timer_without_spinning

pub async fn worst_stall(period: Duration, beats: u32) -> Duration {
    let mut worst = Duration::ZERO;
    let mut due = Instant::now() + period;
    for _ in 0..beats {
        while Instant::now() < due {
            tokio::task::yield_now().await;
        }
        let woke = Instant::now();
        worst = worst.max(woke.saturating_duration_since(due));
        due = woke + period;
    }
    worst
}
