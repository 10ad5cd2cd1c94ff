//! Holds the place in the caller's future instead of in the job: a caller that
//! gives up frees the place while its job still runs, and the next job starts
//! beside it.
//!
//! kind: more-than-asked
//! caught-by: a_job_keeps_its_place_until_it_ends_even_if_its_caller_gives_up

impl CpuLimiter {
    /// Waits for a place, runs `job` on the blocking pool and returns its value.
    pub async fn run<T, Job>(&self, job: Job) -> Result<T, JobPanicked>
    where
        T: Send + 'static,
        Job: FnOnce() -> T + Send + 'static,
    {
        let _place = self
            .places
            .acquire()
            .await
            .expect("the limiter never closes its semaphore");
        tokio::task::spawn_blocking(job)
            .await
            .map_err(|_| JobPanicked)
    }
}
