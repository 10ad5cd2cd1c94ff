//! Uses `tokio::time::interval`, whose default is to fire the ticks a stall
//! swallowed at once: right while nothing stalls, but after a stall the next beat
//! comes immediately and the heartbeat ends early.
//!
//! kind: friendly-inputs
//! caught-by: the_next_beat_is_due_a_period_after_the_last_wake_up

pub async fn worst_stall(period: Duration, beats: u32) -> Duration {
    let mut worst = Duration::ZERO;
    let start = Instant::now();
    let mut ticks = tokio::time::interval_at(start + period, period);
    for _ in 0..beats {
        let due = ticks.tick().await;
        worst = worst.max(Instant::now().saturating_duration_since(due));
    }
    worst
}
