//! Loops over `1..attempts + 1`, which overflows when `attempts` is `u32::MAX`.
//!
//! kind: edge-case
//! caught-by: the_largest_number_of_attempts_stops_at_the_first_success

pub async fn retry<T, E, Attempt, MakeAttempt>(
    attempts: u32,
    pause: Duration,
    mut operation: MakeAttempt,
) -> Result<T, E>
where
    MakeAttempt: FnMut() -> Attempt,
    Attempt: Future<Output = Result<T, E>>,
{
    let attempts = attempts.max(1);
    let mut last_error = None;
    for attempt in 1..attempts + 1 {
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
