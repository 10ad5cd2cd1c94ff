use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Proves that a blocking call did not run on the runtime's thread.
///
/// [`BlockingProbe::start`] spawns a tiny task on the current runtime. A stand-in for a blocking
/// library calls [`BlockingProbe::runtime_ran_meanwhile`], which waits (in real time, bounded)
/// for that task to run. If the blocking call was made on the runtime's only thread, the task
/// cannot run until the call returns, so the wait times out and the probe reports `false`.
#[derive(Clone)]
pub struct BlockingProbe {
    ran: Arc<(Mutex<bool>, Condvar)>,
}

impl BlockingProbe {
    /// How long a blocking call waits for the runtime before concluding it is blocked.
    pub const PATIENCE: Duration = Duration::from_secs(5);

    /// Spawns the probe task on the current tokio runtime.
    ///
    /// # Panics
    /// Outside a tokio runtime.
    pub fn start() -> Self {
        let probe = Self {
            ran: Arc::new((Mutex::new(false), Condvar::new())),
        };
        let signal = probe.ran.clone();
        tokio::spawn(async move {
            // Yield first so the task really needs the runtime to come back to it.
            tokio::task::yield_now().await;
            let (ran, ready) = &*signal;
            *ran.lock().unwrap() = true;
            ready.notify_all();
        });
        probe
    }

    /// Blocks the calling thread until the probe task has run, for at most
    /// [`Self::PATIENCE`]. Returns whether it ran: `false` means the runtime was blocked.
    pub fn runtime_ran_meanwhile(&self) -> bool {
        let (ran, ready) = &*self.ran;
        let deadline = Instant::now() + Self::PATIENCE;
        let mut has_run = ran.lock().unwrap();
        while !*has_run {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            has_run = ready.wait_timeout(has_run, left).unwrap().0;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run_paused;

    #[test]
    fn a_call_on_the_runtime_thread_is_caught() {
        let _turn = crate::serial();
        let ran = run_paused(|| async {
            let probe = BlockingProbe::start();
            probe.runtime_ran_meanwhile()
        });
        assert!(!ran);
    }

    #[test]
    fn a_call_on_the_blocking_pool_is_not() {
        let _turn = crate::serial();
        let ran = run_paused(|| async {
            let probe = BlockingProbe::start();
            tokio::task::spawn_blocking(move || probe.runtime_ran_meanwhile())
                .await
                .unwrap()
        });
        assert!(ran);
    }
}
