//! Reports the time it measured in TimedOut's limit, instead of the limit it was
//! given.
//!
//! kind: wrong-value
//! caught-by: waits_without_spinning_and_reports_the_limit_given

/// Awaits `lookup` for at most `limit`. `operation` names the lookup in the error.
pub async fn with_deadline<T>(
    operation: &'static str,
    limit: Duration,
    lookup: impl Future<Output = Result<T, String>>,
) -> Result<T, LookupError> {
    let start = tokio::time::Instant::now();
    match tokio::time::timeout(limit, lookup).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(reason)) => Err(LookupError::Failed { operation, reason }),
        // Equal to the limit on the paused clock, a little more on a real one.
        Err(_elapsed) => Err(LookupError::TimedOut {
            operation,
            limit: start.elapsed(),
        }),
    }
}
