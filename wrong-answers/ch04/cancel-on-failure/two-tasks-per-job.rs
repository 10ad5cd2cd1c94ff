//! Spawns each job inside a task of the set, to know the index of a job that
//! panicked: two tasks per job, and aborting the outer one detaches the inner one.
//!
//! kind: more-than-asked
//! caught-by: each_job_runs_as_its_own_task_all_at_once

/// Runs every job as a task; returns all reports in input order, or the first error
/// in time after stopping every other job.
pub async fn run_import(jobs: Vec<Job>) -> Result<Vec<Report>, JobError> {
    let count = jobs.len();
    let mut group = JoinSet::new();
    for (index, job) in jobs.into_iter().enumerate() {
        // A task that spawns the job as a second task and waits for it.
        group.spawn(async move { (index, tokio::spawn(job).await) });
    }
    let mut reports: Vec<Option<Report>> = vec![None; count];
    while let Some(joined) = group.join_next().await {
        match joined.expect("the outer tasks do not panic") {
            (index, Ok(Ok(report))) => reports[index] = Some(report),
            (_, Ok(Err(error))) => return Err(error),
            (_, Err(_)) => return Err(JobError::Crashed),
        }
    }
    Ok(reports.into_iter().flatten().collect())
}
