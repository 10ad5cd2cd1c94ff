//! Pauses by yielding in a loop until tokio's clock reads the end of the pause.
//!
//! kind: busy-wait
//! caught-by: on_a_real_clock_the_pauses_wait_without_spinning

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
                let resume_at = tokio::time::Instant::now() + pause;
                while tokio::time::Instant::now() < resume_at {
                    tokio::task::yield_now().await;
                }
            }
        }
    }
}
