//! Moves the blocking sleep to tokio's blocking pool with spawn_blocking.
//!
//! kind: more-than-asked
//! caught-by: on_a_real_clock_the_pauses_wait_on_a_timer

async fn pause_between_checks() {
    tokio::task::spawn_blocking(|| std::thread::sleep(CHECK_INTERVAL))
        .await
        .expect("a sleep does not panic");
}
