//! Joins the jobs with try_join_all instead of spawning tasks: a panicking job
//! panics the caller.
//!
//! kind: error-handling
//! caught-by: a_panicking_job_is_reported_and_stops_the_others
//! dependencies: futures

/// Runs every job as a task; returns all reports in input order, or the first error
/// in time after stopping every other job.
pub async fn run_import(jobs: Vec<Job>) -> Result<Vec<Report>, JobError> {
    // No tasks: the jobs are joined in this function, so a panic in one panics the
    // caller instead of coming back as Crashed.
    futures::future::try_join_all(jobs).await
}
