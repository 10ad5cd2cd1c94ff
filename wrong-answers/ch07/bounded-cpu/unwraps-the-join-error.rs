//! Unwraps the blocking task's JoinHandle: a job that panics makes the caller
//! panic too, instead of getting Err(JobPanicked).
//!
//! kind: error-handling
//! caught-by: a_panicking_job_is_an_error_and_frees_its_place

impl CpuLimiter {
    /// Waits for a place, runs `job` on the blocking pool and returns its value.
    pub async fn run<T, Job>(&self, job: Job) -> Result<T, JobPanicked>
    where
        T: Send + 'static,
        Job: FnOnce() -> T + Send + 'static,
    {
        let place = self
            .places
            .clone()
            .acquire_owned()
            .await
            .expect("the limiter never closes its semaphore");
        let value = tokio::task::spawn_blocking(move || {
            let _place = place;
            job()
        })
        .await
        .unwrap();
        Ok(value)
    }
}
