//! # Exercise 2.1: `block_on`, with a time limit (solution)

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

/// The waker `block_on_timeout` gives the future: it knows which thread is waiting.
pub struct ThreadWaker {
    pub waiting_thread: Thread,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.waiting_thread.unpark();
    }
}

/// The future was still pending when the timeout passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

/// Runs `future` to completion on the calling thread, sleeping while it is pending,
/// unless `timeout` passes first.
pub fn block_on_timeout<F: Future>(
    future: F,
    timeout: Duration,
) -> Result<F::Output, TimedOut> {
    // Fixed once, at the call. `None`: too far away for an `Instant` (as with
    // `Duration::MAX`), which is no limit at all.
    let deadline = Instant::now().checked_add(timeout);
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker {
        waiting_thread: thread::current(),
    }));
    let mut context = Context::from_waker(&waker);
    loop {
        // Poll first, then look at the clock: a ready future is never refused.
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return Ok(output);
        }
        // An `unpark` that came before the park (even during the poll) is kept as a
        // token, so the park returns at once: no wake is lost. A park may also end
        // for no reason; polling again is then harmless.
        match deadline {
            None => thread::park(),
            Some(deadline) => {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(TimedOut);
                }
                thread::park_timeout(left);
            }
        }
    }
}
