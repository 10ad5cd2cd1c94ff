//! Computes the deadline as now + limit, which overflows (and panics) for a limit
//! of Duration::MAX.
//!
//! kind: edge-case
//! caught-by: a_limit_of_zero_or_of_duration_max_is_legal

/// Awaits `lookup` for at most `limit`. `operation` names the lookup in the error.
pub async fn with_deadline<T>(
    operation: &'static str,
    limit: Duration,
    lookup: impl Future<Output = Result<T, String>>,
) -> Result<T, LookupError> {
    // Right for every limit that fits in an Instant; Duration::MAX does not.
    let deadline = tokio::time::Instant::now() + limit;
    match tokio::time::timeout_at(deadline, lookup).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(reason)) => Err(LookupError::Failed { operation, reason }),
        Err(_elapsed) => Err(LookupError::TimedOut { operation, limit }),
    }
}
