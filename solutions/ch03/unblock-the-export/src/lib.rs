//! # Exercise 3.2: find the blocking call (solution)

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use tokio::time::Instant;

/// How long to wait between two status checks.
pub const CHECK_INTERVAL: Duration = Duration::from_millis(250);
/// After this many checks, give up.
pub const MAX_CHECKS: u32 = 12;

#[derive(Debug, Clone, PartialEq)]
pub enum ExportError {
    GaveUp,
}

/// An export job running on another service.
pub struct ExportJob {
    /// Where its file will be.
    pub address: String,
    /// When it is done, on tokio's clock; `None` if it never finishes.
    pub ready_at: Option<Instant>,
    /// How many times its status was asked for.
    pub checks: AtomicU32,
}

impl ExportJob {
    /// Asks the export service for the job's status: the file's address once it is
    /// done.
    pub async fn status(&self) -> Option<String> {
        self.checks.fetch_add(1, Ordering::Relaxed);
        tokio::task::yield_now().await; // a network round trip, in the real service
        match self.ready_at {
            Some(ready_at) if Instant::now() >= ready_at => {
                Some(self.address.clone())
            }
            _ => None,
        }
    }
}

/// Waits until `job` is done and returns the address of its file.
pub async fn wait_for_export(job: &ExportJob) -> Result<String, ExportError> {
    for check in 1..=MAX_CHECKS {
        if let Some(address) = job.status().await {
            return Ok(address);
        }
        if check < MAX_CHECKS {
            pause_between_checks().await;
        }
    }
    Err(ExportError::GaveUp)
}

/// Leaves the export service alone for a moment. Suspends this task only: the thread
/// runs other tasks meanwhile.
async fn pause_between_checks() {
    tokio::time::sleep(CHECK_INTERVAL).await;
}
