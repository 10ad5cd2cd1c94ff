//! # Exercise 3.2: find the blocking call
//!
//! A reporting service starts a long export job, then asks for its status every
//! 250 ms until the file is ready. The code below returns the right answer. But it
//! hides a call that blocks the runtime's thread: while one request waits for its
//! export, no other task on that thread can run. The article warns about exactly
//! this (a synchronous call inside `async def` blocks the whole event loop).
//!
//! Find the blocking call and fix it. `wait_for_export` must keep its behaviour,
//! measured on tokio's clock:
//! - it asks for the status at once, then after each pause of [`CHECK_INTERVAL`]
//!   (250 ms), at most [`MAX_CHECKS`] (12) times in all: at 0, 250, 500, …, 2750 ms;
//! - it returns the file's address as soon as a check finds the job done, and
//!   `Err(ExportError::GaveUp)` right after the 12th check, with no pause after it;
//! - each pause suspends the task on a tokio timer, so other tasks run meanwhile; it
//!   starts no thread and leaves no task behind.
//!
//! The checks keep their own copies of 250 ms and 12: fix the pause, not the
//! numbers. Run `cargo xtask check ch03-unblock-the-export` to see what they verify.

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
            pause_between_checks();
        }
    }
    Err(ExportError::GaveUp)
}

/// Leaves the export service alone for a moment.
fn pause_between_checks() {
    std::thread::sleep(CHECK_INTERVAL);
}
