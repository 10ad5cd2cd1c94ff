//! Awaits the whole lookup and compares the elapsed time afterwards.
//!
//! kind: sequential
//! caught-by: a_slow_lookup_times_out_at_the_limit_and_is_stopped

/// Awaits `lookup` for at most `limit`. `operation` names the lookup in the error.
pub async fn with_deadline<T>(
    operation: &'static str,
    limit: Duration,
    lookup: impl Future<Output = Result<T, String>>,
) -> Result<T, LookupError> {
    // The deadline is checked only once the lookup has finished, however long it
    // took.
    let start = tokio::time::Instant::now();
    let answer = lookup.await;
    if start.elapsed() > limit {
        return Err(LookupError::TimedOut { operation, limit });
    }
    answer.map_err(|reason| LookupError::Failed { operation, reason })
}
