//! # Exercise 4.2: stop the whole import at the first failure
//!
//! A nightly import loads several files into a database, one job per file. If one
//! job fails, the import is abandoned and the other jobs must stop at once, not keep
//! loading rows for nothing. Python 3.11 writes this with `async with
//! asyncio.TaskGroup() as group:`; tokio's `JoinSet` gives you the parts, and the
//! "stop the others at the first failure" is yours to write.
//!
//! Write [`run_import`]: run every job **as a task of its own** (one task per job,
//! no more), all at the same time.
//! - If every job succeeds, return their reports in the order of `jobs`.
//! - As soon as a job fails, return its error: the first failure *in time*, which
//!   need not be the first job in the list. Before returning, stop every other job:
//!   when `run_import` returns, none of its tasks may still be running.
//! - A job that panics is a failure too: return `Err(JobError::Crashed)` (and stop
//!   the others), do not panic.
//! - If the caller stops waiting (drops the future of `run_import`), every job stops
//!   too.
//! - No jobs: `Ok` with no reports, at once.
//!
//! Run `cargo xtask check ch04-cancel-on-failure` to see what the checks verify.

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
