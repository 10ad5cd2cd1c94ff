//! Pauses after every failed attempt, the last one too, before returning its error.
//!
//! kind: more-than-asked
//! caught-by: when_every_attempt_fails_the_last_error_comes_back

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
        let outcome = operation().await;
        if outcome.is_ok() {
            return outcome;
        }
        tokio::time::sleep(pause).await;
        if made >= attempts {
            return outcome;
        }
        made += 1;
    }
}
