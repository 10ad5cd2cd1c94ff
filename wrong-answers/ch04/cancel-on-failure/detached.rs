//! Returns the error but leaves the other tasks running (dropped JoinHandles detach
//! them).
//!
//! kind: leak
//! caught-by: no_job_outlives_a_failed_import

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
