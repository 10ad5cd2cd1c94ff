//! Waits a fixed 500 ms, the pause the checks use most, instead of the `pause` it is
//! given.
//!
//! kind: friendly-inputs
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
    let _ = pause;
    let mut made = 1;
    loop {
        match operation().await {
            Ok(value) => return Ok(value),
            Err(error) if made >= attempts => return Err(error),
            Err(_) => {
                made += 1;
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
    }
}
