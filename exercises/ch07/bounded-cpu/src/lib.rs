//! # Exercise 7.1: keep CPU work off the runtime, a few at a time
//!
//! An image service makes thumbnails: pure CPU work, tens of milliseconds each.
//! Called inline in an async handler, each one holds a worker thread and every
//! other request waits; sent to `spawn_blocking` without a limit, a burst of
//! uploads starts one thread per thumbnail (up to 512) on a machine with a few
//! cores. Write [`CpuLimiter`], which runs such jobs off the runtime, at most
//! `max_at_once` at the same time:
//!
//! - [`CpuLimiter::new`] takes `max_at_once`, which is at least 1.
//! - [`CpuLimiter::run`] runs `job` on tokio's blocking pool, never on the
//!   runtime's own thread, waits for it without blocking the runtime, and returns
//!   its value.
//! - At most `max_at_once` jobs run at the same time, however many callers there
//!   are; the others wait (asynchronously) for a place. Up to `max_at_once` jobs
//!   do run together: the limit is not a queue of one.
//! - A job that panics gives `Err(JobPanicked)` to its caller (not a panic), and
//!   its place goes to the next job.
//! - A caller that stops waiting (its future is dropped):
//!   - while its job waits for a place: the job never runs;
//!   - once its job has started: the job runs to its end, as blocking work cannot
//!     be stopped, and keeps its place until then.
//!
//! Check your work with `cargo xtask check ch07-bounded-cpu`.

/// The job panicked; its place has been given back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPanicked;

/// Runs CPU-bound jobs on tokio's blocking pool, at most `max_at_once` at a time.
pub struct CpuLimiter {
    // TODO: what the limiter needs to remember between calls.
}

impl CpuLimiter {
    /// A limiter that lets at most `max_at_once` (at least 1) jobs run at once.
    pub fn new(max_at_once: usize) -> Self {
        // TODO: build the limiter.
        let _ = max_at_once;
        todo!("build the limiter")
    }

    /// Waits for a place, runs `job` on the blocking pool and returns its value.
    pub async fn run<T, Job>(&self, job: Job) -> Result<T, JobPanicked>
    where
        T: Send + 'static,
        Job: FnOnce() -> T + Send + 'static,
    {
        // TODO: wait for a place, then run the job off the runtime.
        let _ = job;
        todo!("run the job off the runtime, within the limit")
    }
}
