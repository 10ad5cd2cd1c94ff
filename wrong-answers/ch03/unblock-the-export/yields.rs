//! Replaces the blocking pause with yield_now, which does not wait at all.
//!
//! kind: blocking
//! caught-by: a_job_ready_after_one_second_is_reported_after_one_second

/// An export job running on another service. It is done at `ready_at` (on tokio's clock).
pub struct ExportJob {
    pub ready_at: Option<Instant>,
    pub checks: AtomicU32,
}

impl ExportJob {
    /// Asks the export service for the job's status: the file's address once it is done.
    pub async fn status(&self) -> Option<String> {
        self.checks.fetch_add(1, Ordering::Relaxed);
        tokio::task::yield_now().await; // a network round trip, in the real service
        match self.ready_at {
            Some(ready_at) if Instant::now() >= ready_at => {
                Some("https://files.example.com/export-2024.csv".to_string())
            }
            _ => None,
        }
    }
}

/// Leaves the export service alone for a moment. Suspends this task only: the thread runs
/// other tasks meanwhile.
async fn pause_between_checks() {
    let _ = CHECK_INTERVAL;
    tokio::task::yield_now().await;
}
