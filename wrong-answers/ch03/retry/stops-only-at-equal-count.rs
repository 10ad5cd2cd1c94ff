//! Stops when the count of attempts equals `attempts`, so with 0 attempts it never
//! stops retrying.
//!
//! kind: edge-case
//! caught-by: zero_attempts_mean_one_attempt

pub async fn retry<T, E, Attempt, MakeAttempt>(
    attempts: u32,
    pause: Duration,
    mut operation: MakeAttempt,
) -> Result<T, E>
where
    MakeAttempt: FnMut() -> Attempt,
    Attempt: Future<Output = Result<T, E>>,
{
    let mut made = 1;
    loop {
        match operation().await {
            Ok(value) => return Ok(value),
            Err(error) if made == attempts => return Err(error),
            Err(_) => {
                made += 1;
                tokio::time::sleep(pause).await;
            }
        }
    }
}
