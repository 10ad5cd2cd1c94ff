//! Pauses with std::thread::sleep, which blocks the runtime's thread.
//!
//! kind: blocking
//! caught-by: other_tasks_run_during_the_pauses

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
                std::thread::sleep(pause);
            }
        }
    }
}
