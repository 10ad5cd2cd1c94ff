//! Polls the lookup with now_or_never and reads the clock in a loop, yielding
//! between tries, until it answers or the limit has passed.
//!
//! kind: busy-wait
//! caught-by: waits_without_spinning_and_reports_the_limit_given
//! dependencies: futures

use futures::FutureExt;

/// Awaits `lookup` for at most `limit`. `operation` names the lookup in the error.
pub async fn with_deadline<T>(
    operation: &'static str,
    limit: Duration,
    lookup: impl Future<Output = Result<T, String>>,
) -> Result<T, LookupError> {
    let start = tokio::time::Instant::now();
    let mut lookup = std::pin::pin!(lookup);
    loop {
        if let Some(answer) = lookup.as_mut().now_or_never() {
            return answer
                .map_err(|reason| LookupError::Failed { operation, reason });
        }
        if start.elapsed() >= limit {
            return Err(LookupError::TimedOut { operation, limit });
        }
        // Asks again at once instead of waiting to be woken.
        tokio::task::yield_now().await;
    }
}
