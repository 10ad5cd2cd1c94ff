//! Pauses with tokio::time::advance, which moves the paused clock of the checks
//! instead of waiting.
//!
//! kind: clock-gaming
//! caught-by: builds-without-test-util

async fn pause_between_checks() {
    tokio::time::advance(CHECK_INTERVAL).await;
}
