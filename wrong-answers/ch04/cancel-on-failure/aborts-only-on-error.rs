//! Aborts the other tasks when a job fails, but not when the caller drops the
//! import: the dropped JoinHandles detach the tasks, which keep loading.
//!
//! kind: leak
//! caught-by: an_abandoned_import_stops_every_job
//! dependencies: futures

use futures::StreamExt;
use futures::stream::FuturesUnordered;

/// Runs every job as a task; returns all reports in input order, or the first error
/// in time after stopping every other job.
pub async fn run_import(jobs: Vec<Job>) -> Result<Vec<Report>, JobError> {
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let stoppers: Vec<_> = handles
        .iter()
        .map(tokio::task::JoinHandle::abort_handle)
        .collect();
    let mut reports: Vec<Option<Report>> = vec![None; handles.len()];
    let mut finishing: FuturesUnordered<_> = handles
        .into_iter()
        .enumerate()
        .map(|(index, handle)| async move { (index, handle.await) })
        .collect();
    while let Some((index, joined)) = finishing.next().await {
        let failure = match joined {
            Ok(Ok(report)) => {
                reports[index] = Some(report);
                continue;
            }
            Ok(Err(error)) => error,
            Err(_) => JobError::Crashed,
        };
        // Right on this path; nothing stops the tasks if the caller drops us.
        for stopper in &stoppers {
            stopper.abort();
        }
        return Err(failure);
    }
    Ok(reports.into_iter().flatten().collect())
}
