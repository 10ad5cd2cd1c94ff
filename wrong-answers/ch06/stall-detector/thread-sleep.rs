//! Waits for each beat with `std::thread::sleep`: the heartbeat itself blocks the
//! thread, the very stall it should measure.
//!
//! kind: blocking
//! caught-by: a_runtime_that_never_stalls_gives_zero

pub async fn worst_stall(period: Duration, beats: u32) -> Duration {
    let mut worst = Duration::ZERO;
    let mut due = Instant::now() + period;
    for _ in 0..beats {
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        let woke = Instant::now();
        worst = worst.max(woke.saturating_duration_since(due));
        due = woke + period;
    }
    worst
}
