//! Sends every job straight to spawn_blocking: a burst of callers starts a thread
//! per job, as many at once as there are callers.
//!
//! kind: more-than-asked
//! caught-by: never_runs_more_than_the_limit_at_once

impl CpuLimiter {
    /// Waits for a place, runs `job` on the blocking pool and returns its value.
    pub async fn run<T, Job>(&self, job: Job) -> Result<T, JobPanicked>
    where
        T: Send + 'static,
        Job: FnOnce() -> T + Send + 'static,
    {
        tokio::task::spawn_blocking(job)
            .await
            .map_err(|_| JobPanicked)
    }
}
