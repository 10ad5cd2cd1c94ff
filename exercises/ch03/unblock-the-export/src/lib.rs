//! # Exercise 3.2: find the blocking call
//!
//! A reporting service starts a long export job and checks its status every 250 ms
//! until the file is ready. The code below works, in the sense that it returns the
//! right report. But it hides a call that blocks the runtime's thread: while one
//! request waits for its export, no other task on that thread can run. The article
//! warns about exactly this (a synchronous call inside `async def` blocks the whole
//! event loop).
//!
//! Find the blocking call and fix it, keeping the behaviour: one status check, then
//! a 250 ms pause, at most [`MAX_CHECKS`] checks.
//!
//! The checks (`cargo test -p ch03-unblock-the-export`) run on tokio's paused clock
//! and verify:
//! - a job that is ready after 1 s is reported after exactly 1 s, in 5 checks (at 0,
//!   250, 500, 750 and 1000 ms): a blocking pause does not move tokio's clock at
//!   all;
//! - while the export is awaited, a heartbeat task on the same thread keeps ticking;
//! - a job that never finishes gives `Err(ExportError::GaveUp)` after 12 checks.

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

/// An export job running on another service. It is done at `ready_at` (on tokio's
/// clock).
pub struct ExportJob {
    pub ready_at: Option<Instant>,
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
                Some("https://files.example.com/export-2024.csv".to_string())
            }
            _ => None,
        }
    }
}

/// Waits until `job` is done and returns the address of its file.
pub async fn wait_for_export(job: &ExportJob) -> Result<String, ExportError> {
    for _ in 0..MAX_CHECKS {
        if let Some(address) = job.status().await {
            return Ok(address);
        }
        pause_between_checks();
    }
    Err(ExportError::GaveUp)
}

/// Leaves the export service alone for a moment.
fn pause_between_checks() {
    std::thread::sleep(CHECK_INTERVAL);
}
