//! # Exercise 4.2: stop the whole import at the first failure
//!
//! A nightly import loads several files into a database, one job per file. If one
//! job fails, the import is abandoned and the other jobs must stop at once, not keep
//! loading rows for nothing. Python 3.11 writes this with `async with
//! asyncio.TaskGroup() as group:`; tokio's `JoinSet` gives you the parts, and the
//! "stop the others at the first failure" is yours to write.
//!
//! Write [`run_import`]: run every job **as its own task, all at the same time**.
//! - If every job succeeds, return their reports in the order of `jobs`.
//! - As soon as one job fails, return its error and stop every other job.
//! - A job that panics is a failure too: return `Err(JobError::Crashed)`, do not
//!   panic.
//!
//! The checks (`cargo test -p ch04-cancel-on-failure`) run on tokio's paused clock
//! and verify:
//! - the reports come back in input order, after the time of the slowest job;
//! - the error returned is the first one *in time*, returned when it happens;
//! - after the error, no other job ever reaches its end (they were stopped, not left
//!   running);
//! - a panicking job gives `Err(JobError::Crashed)`, and stops the others too.

use std::future::Future;
use std::pin::Pin;

/// What a successful job reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub file: String,
    pub rows: u64,
}

/// Why the import stopped.
#[derive(Debug, Clone, PartialEq)]
pub enum JobError {
    /// The job returned an error.
    Failed { file: String, reason: String },
    /// The job panicked.
    Crashed,
}

/// One job: a future that loads one file. It is `Send + 'static`, so it can be
/// spawned.
pub type Job =
    Pin<Box<dyn Future<Output = Result<Report, JobError>> + Send + 'static>>;

/// Runs every job as a task; returns all reports in input order, or the first error
/// in time after stopping every other job.
pub async fn run_import(jobs: Vec<Job>) -> Result<Vec<Report>, JobError> {
    // TODO: spawn every job, collect the reports as they finish, and stop the rest
    // at the first failure.
    let _ = jobs;
    todo!("run the jobs as a group that stops at the first failure")
}
