//! Races the lookup against a sleep with select!, which picks a branch at random
//! when both are ready: an answer exactly at the limit sometimes times out.
//!
//! kind: edge-case
//! caught-by: an_answer_exactly_at_the_limit_is_in_time

/// Awaits `lookup` for at most `limit`. `operation` names the lookup in the error.
pub async fn with_deadline<T>(
    operation: &'static str,
    limit: Duration,
    lookup: impl Future<Output = Result<T, String>>,
) -> Result<T, LookupError> {
    tokio::select! {
        answer = lookup => {
            answer.map_err(|reason| LookupError::Failed { operation, reason })
        }
        () = tokio::time::sleep(limit) => Err(LookupError::TimedOut { operation, limit }),
    }
}
