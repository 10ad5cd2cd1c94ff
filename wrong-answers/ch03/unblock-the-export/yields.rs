//! Replaces the blocking sleep with yield_now, which gives the thread back but does
//! not wait.
//!
//! kind: busy-wait
//! caught-by: a_job_ready_after_one_second_is_reported_after_one_second

async fn pause_between_checks() {
    let _ = CHECK_INTERVAL;
    tokio::task::yield_now().await;
}
