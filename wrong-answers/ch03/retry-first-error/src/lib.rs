//! Wrong answer to exercise 3.3: when every attempt fails, the first error is returned.

use std::future::Future;
use std::time::Duration;

/// Runs `operation` until it succeeds, at most `attempts` times (at least once), pausing
/// `pause` between attempts. Returns the first `Ok`, or the last `Err`.
pub async fn retry<T, E, Attempt, MakeAttempt>(
    attempts: u32,
    pause: Duration,
    mut operation: MakeAttempt,
) -> Result<T, E>
where
    MakeAttempt: FnMut() -> Attempt,
    Attempt: Future<Output = Result<T, E>>,
{
    let mut first_error = None;
    for attempt in 1..=attempts.max(1) {
        match operation().await {
            Ok(value) => return Ok(value),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
        if attempt < attempts {
            tokio::time::sleep(pause).await;
        }
    }
    Err(first_error.expect("at least one attempt was made"))
}
