//! # Exercise 2.1: `block_on`, with a time limit
//!
//! Listing 2-1's `block_on` waits for its future as long as it takes. asyncio's
//! `loop.run_until_complete(asyncio.wait_for(coro, timeout))` gives up after a
//! while. Write [`block_on_timeout`], an executor that does both: it runs `future`
//! to completion on the calling thread, or gives up once `timeout` has passed.
//!
//! - While the future is `Pending`, the calling thread sleeps until the future's
//!   waker is called or the deadline comes, whichever is first; then it polls
//!   again. No polling in a loop or at intervals, and no helper thread: everything
//!   happens on the calling thread.
//! - The future is always polled at least once: a future that is ready at its first
//!   poll gives `Ok(output)`, even with a zero timeout.
//! - `timeout` counts from the call, not from the latest wake. Once it has passed
//!   and the future is still pending, return `Err(TimedOut)` (the future is dropped
//!   with it).
//! - Any `timeout` is legal, up to `Duration::MAX`, which in effect means no limit.
//!
//! Write [`ThreadWaker::wake`] and [`block_on_timeout`], with `std` only. Run
//! `cargo xtask check ch02-block-on` to see what the checks verify.

use std::future::Future;
use std::sync::Arc;
use std::task::Wake;
use std::thread::Thread;
use std::time::Duration;

/// The waker `block_on_timeout` gives the future: it knows which thread is waiting.
pub struct ThreadWaker {
    pub waiting_thread: Thread,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        // TODO: let the waiting thread run again.
        todo!("wake the thread that waits in block_on_timeout")
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
    // TODO: pin the future, build a `Waker` from a `ThreadWaker`, then poll in a
    // loop; after each `Poll::Pending`, sleep until woken or until the deadline.
    let _ = (future, timeout);
    todo!("poll the future, sleep while it is pending, give up at the deadline")
}
