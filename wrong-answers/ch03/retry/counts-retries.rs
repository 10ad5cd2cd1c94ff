//! Reads `attempts` as the number of retries after the first try, so makes one
//! attempt too many.
//!
//! kind: more-than-asked
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
    let mut retries = 0;
    loop {
        match operation().await {
            Ok(value) => return Ok(value),
            Err(error) if retries >= attempts => return Err(error),
            Err(_) => {
                retries += 1;
                tokio::time::sleep(pause).await;
            }
        }
    }
}
