//! Makes one future and awaits it again for each attempt, through a pinned
//! reference.
//!
//! kind: error-handling
//! caught-by: each_attempt_awaits_a_fresh_future

pub async fn retry<T, E, Attempt, MakeAttempt>(
    attempts: u32,
    pause: Duration,
    mut operation: MakeAttempt,
) -> Result<T, E>
where
    MakeAttempt: FnMut() -> Attempt,
    Attempt: Future<Output = Result<T, E>>,
{
    let mut payment = std::pin::pin!(operation());
    let mut made = 1;
    loop {
        match payment.as_mut().await {
            Ok(value) => return Ok(value),
            Err(error) if made >= attempts => return Err(error),
            Err(_) => {
                made += 1;
                tokio::time::sleep(pause).await;
            }
        }
    }
}
