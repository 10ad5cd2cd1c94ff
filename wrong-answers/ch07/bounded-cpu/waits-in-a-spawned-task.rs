//! Hands the whole job, wait for a place included, to a spawned task: a caller
//! that gives up while its job waits only drops the JoinHandle, and the job runs
//! later anyway.
//!
//! kind: leak
//! caught-by: a_job_whose_caller_gives_up_before_it_starts_never_runs

impl CpuLimiter {
    /// Waits for a place, runs `job` on the blocking pool and returns its value.
    pub async fn run<T, Job>(&self, job: Job) -> Result<T, JobPanicked>
    where
        T: Send + 'static,
        Job: FnOnce() -> T + Send + 'static,
    {
        let places = self.places.clone();
        tokio::spawn(async move {
            let place = places
                .acquire_owned()
                .await
                .expect("the limiter never closes its semaphore");
            tokio::task::spawn_blocking(move || {
                let _place = place;
                job()
            })
            .await
        })
        .await
        .map_err(|_| JobPanicked)?
        .map_err(|_| JobPanicked)
    }
}
