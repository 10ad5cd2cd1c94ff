//! Makes the futures of every attempt up front, in a list, then awaits them in turn.
//!
//! kind: more-than-asked
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
    let all_attempts: Vec<Attempt> =
        (0..attempts.max(1)).map(|_| operation()).collect();
    let count = all_attempts.len();
    let mut last_error = None;
    for (index, attempt) in all_attempts.into_iter().enumerate() {
        match attempt.await {
            Ok(value) => return Ok(value),
            Err(error) => last_error = Some(error),
        }
        if index + 1 < count {
            tokio::time::sleep(pause).await;
        }
    }
    Err(last_error.expect("at least one attempt was made"))
}
