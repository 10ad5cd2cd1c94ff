//! Reports the lookup's own error as a timeout.
//!
//! kind: error-handling
//! caught-by: the_lookups_own_error_is_not_a_timeout

/// Awaits `lookup` for at most `limit`. `operation` names the lookup in the error.
pub async fn with_deadline<T>(
    operation: &'static str,
    limit: Duration,
    lookup: impl Future<Output = Result<T, String>>,
) -> Result<T, LookupError> {
    // The lookup's own error is reported as a timeout.
    match tokio::time::timeout(limit, lookup).await {
        Ok(Ok(value)) => Ok(value),
        _ => Err(LookupError::TimedOut { operation, limit }),
    }
}
