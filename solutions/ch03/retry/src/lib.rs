//! # Exercise 3.3: retry, with a fresh future per attempt (solution)

use std::future::Future;
use std::time::Duration;

/// Runs `operation` until it succeeds, at most `attempts` times (at least once, even
/// when `attempts` is 0), pausing `pause` between two attempts. Returns the first
/// `Ok`, or the last `Err`.
pub async fn retry<T, E, Attempt, MakeAttempt>(
    attempts: u32,
    pause: Duration,
    mut operation: MakeAttempt,
) -> Result<T, E>
where
    MakeAttempt: FnMut() -> Attempt,
    Attempt: Future<Output = Result<T, E>>,
{
    // Attempts made so far, this one included. Counting up and comparing with
    // `attempts` never overflows, even for `u32::MAX`; and 0 behaves as 1.
    let mut made = 1;
    loop {
        // A new future per attempt: the previous one was consumed by `.await`.
        match operation().await {
            Ok(value) => return Ok(value),
            Err(error) if made >= attempts => return Err(error),
            Err(_) => {
                made += 1;
                tokio::time::sleep(pause).await;
            }
        }
    }
}
