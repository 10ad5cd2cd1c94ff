//! Measures the time between two wake-ups and reports it as the stall: that
//! includes the period itself, so every beat looks late by a whole period.
//!
//! kind: wrong-value
//! caught-by: reports_the_worst_lateness_of_the_beats

pub async fn worst_stall(period: Duration, beats: u32) -> Duration {
    let mut worst = Duration::ZERO;
    let mut last = Instant::now();
    for _ in 0..beats {
        tokio::time::sleep(period).await;
        let woke = Instant::now();
        worst = worst.max(woke - last);
        last = woke;
    }
    worst
}
