//! Wrong answer to exercise 4.2: the other jobs are detached, not stopped.

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
pub type Job = Pin<Box<dyn Future<Output = Result<Report, JobError>> + Send + 'static>>;

/// Runs every job as a task; returns all reports in input order, or the first error
/// in time after stopping every other job.
pub async fn run_import(jobs: Vec<Job>) -> Result<Vec<Report>, JobError> {
    // The handles are awaited in order; returning drops the others, which detaches
    // their tasks: they keep running.
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut reports = Vec::new();
    for handle in handles {
        match handle.await {
            Ok(Ok(report)) => reports.push(report),
            Ok(Err(error)) => return Err(error),
            Err(_) => return Err(JobError::Crashed),
        }
    }
    Ok(reports)
}
