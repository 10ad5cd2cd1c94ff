//! Tries to take a place in a loop that never awaits: the runtime's thread spins
//! until a place is free, and nothing else runs on it meanwhile.
//!
//! kind: busy-wait
//! caught-by: waits_for_a_place_without_spinning

impl CpuLimiter {
    /// Waits for a place, runs `job` on the blocking pool and returns its value.
    pub async fn run<T, Job>(&self, job: Job) -> Result<T, JobPanicked>
    where
        T: Send + 'static,
        Job: FnOnce() -> T + Send + 'static,
    {
        let place = loop {
            if let Ok(place) = self.places.clone().try_acquire_owned() {
                break place;
            }
            std::hint::spin_loop();
        };
        tokio::task::spawn_blocking(move || {
            let _place = place;
            job()
        })
        .await
        .map_err(|_| JobPanicked)
    }
}
