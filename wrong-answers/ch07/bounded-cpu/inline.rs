//! Takes a place, then runs the job right there, in the async function: the
//! runtime's thread computes the thumbnail and no other task runs meanwhile.
//!
//! kind: blocking
//! caught-by: runs_each_job_off_the_runtime_and_returns_its_value

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
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
            .map_err(|_| JobPanicked)
    }
}
