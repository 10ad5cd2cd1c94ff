//! Spawns the lookup as a task and puts the deadline on its JoinHandle, as
//! asyncio.wait_for does on a task: when the time runs out, the dropped handle
//! detaches the lookup, which keeps running.
//!
//! kind: leak
//! caught-by: a_slow_lookup_times_out_at_the_limit_and_is_stopped

/// Awaits `lookup` for at most `limit`. `operation` names the lookup in the error.
pub async fn with_deadline<T: Send + 'static>(
    operation: &'static str,
    limit: Duration,
    // Send + 'static added so that the lookup can be spawned.
    lookup: impl Future<Output = Result<T, String>> + Send + 'static,
) -> Result<T, LookupError> {
    match tokio::time::timeout(limit, tokio::spawn(lookup)).await {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(reason))) => Err(LookupError::Failed { operation, reason }),
        Ok(Err(join_error)) => std::panic::resume_unwind(join_error.into_panic()),
        Err(_elapsed) => Err(LookupError::TimedOut { operation, limit }),
    }
}
