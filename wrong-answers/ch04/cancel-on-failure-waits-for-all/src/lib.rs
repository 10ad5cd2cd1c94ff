//! Wrong answer to exercise 4.2: every job runs to its end before the first error is
//! returned.

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
    // Every job runs to its end before the results are looked at.
    let count = jobs.len();
    let mut group = JoinSet::new();
    for (index, job) in jobs.into_iter().enumerate() {
        group.spawn(async move { (index, job.await) });
    }
    let mut outcomes = Vec::new();
    while let Some(joined) = group.join_next().await {
        outcomes.push(joined);
    }
    let mut reports: Vec<Option<Report>> = vec![None; count];
    for joined in outcomes {
        match joined {
            Ok((index, Ok(report))) => reports[index] = Some(report),
            Ok((_, Err(error))) => return Err(error),
            Err(_) => return Err(JobError::Crashed),
        }
    }
    Ok(reports.into_iter().flatten().collect())
}
