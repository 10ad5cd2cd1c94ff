//! Replaces the pause with a tokio interval, whose first tick completes at once.
//!
//! kind: wrong-value
//! caught-by: a_job_ready_after_one_second_is_reported_after_one_second

pub async fn wait_for_export(job: &ExportJob) -> Result<String, ExportError> {
    let mut pauses = tokio::time::interval(CHECK_INTERVAL);
    for check in 1..=MAX_CHECKS {
        if let Some(address) = job.status().await {
            return Ok(address);
        }
        if check < MAX_CHECKS {
            pauses.tick().await;
        }
    }
    Err(ExportError::GaveUp)
}
