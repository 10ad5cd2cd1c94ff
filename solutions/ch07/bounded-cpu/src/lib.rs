//! Solution to exercise 7.1: a semaphore bounds the jobs; each job's permit moves
//! into the blocking closure, so the place stays taken as long as the job runs.

use std::sync::Arc;
use tokio::sync::Semaphore;

/// The job panicked; its place has been given back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPanicked;

/// Runs CPU-bound jobs on tokio's blocking pool, at most `max_at_once` at a time.
pub struct CpuLimiter {
    places: Arc<Semaphore>,
}

impl CpuLimiter {
    /// A limiter that lets at most `max_at_once` (at least 1) jobs run at once.
    pub fn new(max_at_once: usize) -> Self {
        Self {
            places: Arc::new(Semaphore::new(max_at_once)),
        }
    }

    /// Waits for a place, runs `job` on the blocking pool and returns its value.
    pub async fn run<T, Job>(&self, job: Job) -> Result<T, JobPanicked>
    where
        T: Send + 'static,
        Job: FnOnce() -> T + Send + 'static,
    {
        // Waiting here is cancellable: a caller that gives up leaves the queue and
        // its job never starts.
        let place = self
            .places
            .clone()
            .acquire_owned()
            .await
            .expect("the limiter never closes its semaphore");
        tokio::task::spawn_blocking(move || {
            // Dropped when the job ends, even if the caller stopped waiting: the
            // place is given back when the thread is free, not before.
            let _place = place;
            job()
        })
        .await
        // The only JoinError a blocking task can give is a panic: abort has no
        // effect once it runs.
        .map_err(|_| JobPanicked)
    }
}
