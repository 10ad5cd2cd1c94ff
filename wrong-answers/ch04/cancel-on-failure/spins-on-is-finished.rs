//! Checks every handle with is_finished in a loop, yielding between rounds,
//! instead of waiting to be woken by the next task that ends.
//!
//! kind: busy-wait
//! caught-by: waits_for_the_jobs_without_spinning

/// Runs every job as a task; returns all reports in input order, or the first error
/// in time after stopping every other job.
pub async fn run_import(jobs: Vec<Job>) -> Result<Vec<Report>, JobError> {
    let mut handles: Vec<_> = jobs
        .into_iter()
        .map(|job| Some(tokio::spawn(job)))
        .collect();
    let mut reports: Vec<Option<Report>> = vec![None; handles.len()];
    while reports.iter().any(Option::is_none) {
        for index in 0..handles.len() {
            let finished = handles[index]
                .as_ref()
                .is_some_and(tokio::task::JoinHandle::is_finished);
            if !finished {
                continue;
            }
            let handle = handles[index].take().expect("a finished handle is kept");
            let failure = match handle.await {
                Ok(Ok(report)) => {
                    reports[index] = Some(report);
                    continue;
                }
                Ok(Err(error)) => error,
                Err(_) => JobError::Crashed,
            };
            for handle in handles.iter().flatten() {
                handle.abort();
            }
            return Err(failure);
        }
        // Round and round: the loop asks again instead of waiting to be woken.
        tokio::task::yield_now().await;
    }
    Ok(reports.into_iter().flatten().collect())
}
