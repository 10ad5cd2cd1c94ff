//! Pauses after the last attempt too.
//!
//! kind: more-than-asked
//! caught-by: when_every_attempt_fails_the_last_error_comes_back

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
    let mut attempt = 1;
    loop {
        // A new future per attempt: the one from the previous attempt was consumed by `.await`.
        match operation().await {
            Ok(value) => return Ok(value),
            Err(error) if attempt >= attempts => {
                tokio::time::sleep(pause).await;
                return Err(error);
            }
            Err(_) => {
                attempt += 1;
                tokio::time::sleep(pause).await;
            }
        }
    }
}
