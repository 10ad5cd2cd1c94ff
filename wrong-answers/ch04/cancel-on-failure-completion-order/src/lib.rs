//! Wrong answer to exercise 4.2: the reports come back in the order the jobs finish.

use std::future::Future;
use std::pin::Pin;
use tokio::task::JoinSet;

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
    // Right about failures, but the reports are kept in the order the jobs finish.
    let mut group = JoinSet::new();
    for job in jobs {
        group.spawn(job);
    }
    let mut reports = Vec::new();
    while let Some(joined) = group.join_next().await {
        match joined {
            Ok(Ok(report)) => reports.push(report),
            Ok(Err(error)) => return Err(error),
            Err(_) => return Err(JobError::Crashed),
        }
    }
    Ok(reports)
}
