//! Pauses with tokio::time::advance, which passes the paused-clock checks without
//! waiting.
//!
//! kind: clock-gaming
//! caught-by: builds-without-test-util

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
            Err(error) if made >= attempts => return Err(error),
            Err(_) => {
                made += 1;
                tokio::time::advance(pause).await;
            }
        }
    }
}
