//! Loops over `1..=attempts` and unwraps the last error, which panics when
//! `attempts` is 0.
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
    let mut last_error = None;
    for attempt in 1..=attempts {
        match operation().await {
            Ok(value) => return Ok(value),
            Err(error) => last_error = Some(error),
        }
        if attempt < attempts {
            tokio::time::sleep(pause).await;
        }
    }
    Err(last_error.expect("at least one attempt was made"))
}
