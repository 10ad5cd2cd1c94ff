//! Moves tokio's clock forward by a period instead of sleeping, so that the
//! heartbeat never waits in the tests.
//!
//! kind: clock-gaming
//! caught-by: builds-without-test-util

pub async fn worst_stall(period: Duration, beats: u32) -> Duration {
    let mut worst = Duration::ZERO;
    let mut due = Instant::now() + period;
    for _ in 0..beats {
        tokio::time::advance(period).await;
        let woke = Instant::now();
        worst = worst.max(woke.saturating_duration_since(due));
        due = woke + period;
    }
    worst
}
