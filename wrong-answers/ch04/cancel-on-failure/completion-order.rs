//! Returns the reports in the order the jobs finish, not the order of the jobs.
//!
//! kind: friendly-inputs
//! caught-by: the_reports_come_back_in_the_order_of_the_jobs

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
