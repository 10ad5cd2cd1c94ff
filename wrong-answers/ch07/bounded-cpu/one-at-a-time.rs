//! Guards the jobs with one async Mutex, whatever the limit: the jobs never run
//! together, even when up to max_at_once may.
//!
//! kind: sequential
//! caught-by: runs_up_to_the_limit_at_the_same_time

/// Runs CPU-bound jobs on tokio's blocking pool, at most `max_at_once` at a time.
pub struct CpuLimiter {
    turn: Arc<tokio::sync::Mutex<()>>,
}

impl CpuLimiter {
    /// A limiter that lets at most `max_at_once` (at least 1) jobs run at once.
    pub fn new(max_at_once: usize) -> Self {
        let _ = max_at_once;
        Self {
            turn: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// Waits for a place, runs `job` on the blocking pool and returns its value.
    pub async fn run<T, Job>(&self, job: Job) -> Result<T, JobPanicked>
    where
        T: Send + 'static,
        Job: FnOnce() -> T + Send + 'static,
    {
        let turn = self.turn.clone().lock_owned().await;
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            job()
        })
        .await
        .map_err(|_| JobPanicked)
    }
}
