//! Sleeps first and counts the beats afterwards: with no beats to give, it still
//! waits a whole period before answering.
//!
//! kind: edge-case
//! caught-by: no_beats_return_at_once

pub async fn worst_stall(period: Duration, beats: u32) -> Duration {
    let mut worst = Duration::ZERO;
    let mut due = Instant::now() + period;
    let mut beaten = 0;
    loop {
        tokio::time::sleep_until(due).await;
        if beaten == beats {
            return worst;
        }
        let woke = Instant::now();
        worst = worst.max(woke.saturating_duration_since(due));
        due = woke + period;
        beaten += 1;
    }
}
