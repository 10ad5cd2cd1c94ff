//! Doubles the pause after each failure, as exponential backoff does, instead of
//! waiting `pause` every time.
//!
//! kind: wrong-value
//! caught-by: the_pause_is_the_one_the_caller_gives

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
    let mut backoff = pause;
    loop {
        match operation().await {
            Ok(value) => return Ok(value),
            Err(error) if made >= attempts => return Err(error),
            Err(_) => {
                made += 1;
                tokio::time::sleep(backoff).await;
                backoff *= 2;
            }
        }
    }
}
