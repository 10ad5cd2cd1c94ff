//! Keeps the first error and returns it when every attempt failed.
//!
//! kind: error-handling
//! caught-by: when_every_attempt_fails_the_last_error_comes_back

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
    for made in 1..=attempts.max(1) {
        match operation().await {
            Ok(value) => return Ok(value),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
        if made < attempts {
            tokio::time::sleep(pause).await;
        }
    }
    Err(first_error.expect("at least one attempt was made"))
}
