//! Listing 4-2: errors as values (`gather(..., return_exceptions=True)`) against
//! `try_join!`, which returns at the first error and drops, that is cancels, the
//! futures still running. `src/main.rs` runs both; `src/bin/timeline-04-02/` draws
//! them.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

// ANCHOR: fetch
#[derive(Debug, Clone, PartialEq)]
pub struct FetchError {
    pub url: &'static str,
    pub reason: &'static str,
}

/// Counts the fetches that ran to their end, so that we can see which branches were
/// dropped.
#[derive(Default)]
pub struct Progress {
    pub finished: AtomicUsize,
}

/// Stands in for an HTTP call: after `latency_ms` it answers, or fails when `reason`
/// is set.
pub async fn fetch(
    progress: &Progress,
    url: &'static str,
    latency_ms: u64,
    reason: Option<&'static str>,
) -> Result<String, FetchError> {
    tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    // Only a fetch that is still alive after its wait gets here.
    progress.finished.fetch_add(1, Ordering::SeqCst);
    match reason {
        None => Ok(format!("data from {url}")),
        Some(reason) => Err(FetchError { url, reason }),
    }
}
// ANCHOR_END: fetch

// ANCHOR: as_values
/// Like `gather(..., return_exceptions=True)`: every fetch runs to its end, and each
/// error is one value among the results.
pub async fn fetch_all_as_values(
    progress: &Progress,
) -> Vec<Result<String, FetchError>> {
    let (api1, api2, api3) = tokio::join!(
        fetch(progress, "api1", 600, None),
        fetch(progress, "api2", 100, Some("connection refused")),
        fetch(progress, "api3", 900, None),
    );
    vec![api1, api2, api3]
}
// ANCHOR_END: as_values

// ANCHOR: try_join
/// Returns at the first error. The fetches still running are dropped: they never
/// finish.
pub async fn fetch_all_or_first_error(
    progress: &Progress,
) -> Result<Vec<String>, FetchError> {
    let (api1, api2, api3) = tokio::try_join!(
        fetch(progress, "api1", 600, None),
        fetch(progress, "api2", 100, Some("connection refused")),
        fetch(progress, "api3", 900, None),
    )?;
    Ok(vec![api1, api2, api3])
}
// ANCHOR_END: try_join

#[cfg(test)]
mod tests {
    use super::*;
    use course_testkit::timed;

    #[tokio::test(start_paused = true)]
    async fn as_values_every_fetch_finishes_and_the_slowest_sets_the_time() {
        let progress = Progress::default();
        let (took, results) = timed(fetch_all_as_values(&progress)).await;
        assert_eq!(took, Duration::from_millis(900));
        assert_eq!(progress.finished.load(Ordering::SeqCst), 3);
        assert!(results[0].is_ok() && results[2].is_ok());
        assert_eq!(results[1].as_ref().unwrap_err().url, "api2");
    }

    // ANCHOR: proof
    #[tokio::test(start_paused = true)]
    async fn try_join_returns_at_the_first_error_and_drops_the_other_fetches() {
        let progress = Progress::default();
        let (took, result) = timed(fetch_all_or_first_error(&progress)).await;
        assert_eq!(took, Duration::from_millis(100));
        assert_eq!(result.unwrap_err().url, "api2");
        // Long after api1 (600 ms) and api3 (900 ms) would have answered, only api2
        // finished.
        tokio::time::sleep(Duration::from_secs(10)).await;
        assert_eq!(progress.finished.load(Ordering::SeqCst), 1);
    }
    // ANCHOR_END: proof

    /// `try_join_all`, the `Vec` version, behaves the same way.
    #[tokio::test(start_paused = true)]
    async fn try_join_all_drops_the_other_fetches_too() {
        let progress = Progress::default();
        let fetches = vec![
            fetch(&progress, "api1", 600, None),
            fetch(&progress, "api2", 100, Some("timeout")),
            fetch(&progress, "api3", 900, None),
        ];
        let (took, result) = timed(futures::future::try_join_all(fetches)).await;
        assert_eq!(took, Duration::from_millis(100));
        assert_eq!(result.unwrap_err().reason, "timeout");
        tokio::time::sleep(Duration::from_secs(10)).await;
        assert_eq!(progress.finished.load(Ordering::SeqCst), 1);
    }
}
