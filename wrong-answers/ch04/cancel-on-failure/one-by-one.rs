//! Spawns each job and awaits it before spawning the next, so the jobs run one
//! after another.
//!
//! kind: sequential
//! caught-by: each_job_runs_as_its_own_task_all_at_once

/// Runs every job as a task; returns all reports in input order, or the first error
/// in time after stopping every other job.
pub async fn run_import(jobs: Vec<Job>) -> Result<Vec<Report>, JobError> {
    // Each job is a task, but the next one starts only when this one has ended.
    let mut reports = Vec::new();
    for job in jobs {
        match tokio::spawn(job).await {
            Ok(Ok(report)) => reports.push(report),
            Ok(Err(error)) => return Err(error),
            Err(_) => return Err(JobError::Crashed),
        }
    }
    Ok(reports)
}
