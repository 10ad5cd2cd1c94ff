//! Pauses by yielding in a loop until tokio's clock reads the end of the interval.
//!
//! kind: busy-wait
//! caught-by: on_a_real_clock_the_pauses_wait_on_a_timer

async fn pause_between_checks() {
    let resume_at = Instant::now() + CHECK_INTERVAL;
    while Instant::now() < resume_at {
        tokio::task::yield_now().await;
    }
}
