//! Drops the `if` around the pause, so it also pauses after the 12th check before
//! giving up.
//!
//! kind: edge-case
//! caught-by: a_job_that_never_finishes_gives_up_right_after_the_last_check

pub async fn wait_for_export(job: &ExportJob) -> Result<String, ExportError> {
    for _ in 0..MAX_CHECKS {
        if let Some(address) = job.status().await {
            return Ok(address);
        }
        pause_between_checks().await;
    }
    Err(ExportError::GaveUp)
}
