//! Waits for every job before looking for an error.
//!
//! kind: error-handling
//! caught-by: returns_the_first_failure_in_time_as_soon_as_it_happens

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
