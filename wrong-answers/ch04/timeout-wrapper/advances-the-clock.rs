//! Races the lookup against tokio::time::advance(limit), which moves the clock of
//! the tests instead of waiting for the limit to pass.
//!
//! kind: clock-gaming
//! caught-by: builds-without-test-util

/// Awaits `lookup` for at most `limit`. `operation` names the lookup in the error.
pub async fn with_deadline<T>(
    operation: &'static str,
    limit: Duration,
    lookup: impl Future<Output = Result<T, String>>,
) -> Result<T, LookupError> {
    tokio::select! {
        biased;
        answer = lookup => {
            answer.map_err(|reason| LookupError::Failed { operation, reason })
        }
        () = tokio::time::advance(limit) => Err(LookupError::TimedOut { operation, limit }),
    }
}
