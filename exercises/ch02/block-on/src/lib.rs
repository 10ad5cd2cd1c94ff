//! # Exercise 2.1: write `block_on`
//!
//! `block_on` is the smallest executor there is: it runs one future to completion on
//! the calling thread. Polling in a loop would work, and burn a core while the
//! future waits. Yours must **sleep** while the future is `Pending`, and poll it
//! again only after the future's waker has been called.
//!
//! Write [`ThreadWaker::wake`] and [`block_on`], with `std` only.
//!
//! The checks (`cargo test -p ch02-block-on`) verify:
//! - a future that is ready at once gives its output;
//! - a future completed by another thread (as I/O completes) gives its output, after
//!   at most three polls: a busy loop keeps polling for as long as the other thread
//!   works;
//! - a future that wakes itself before answering `Pending` (as `yield_now` does)
//!   does not hang.
//!
//! Each check has a real-time limit, so a `block_on` that never wakes up fails
//! instead of hanging.

use std::future::Future;
use std::sync::Arc;
use std::task::Wake;
use std::thread::Thread;

/// The waker `block_on` gives the future: it knows which thread is waiting.
pub struct ThreadWaker {
    pub waiting_thread: Thread,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        // TODO: let the waiting thread run again.
        todo!("wake the thread that waits in block_on")
    }
}

/// Runs `future` to completion on the calling thread, sleeping while it is pending.
pub fn block_on<F: Future>(future: F) -> F::Output {
    // TODO: pin the future, build a `Waker` from a `ThreadWaker`, then poll in a
    // loop, sleeping after each `Poll::Pending` until the waker is called.
    let _ = future;
    todo!("poll the future, and sleep while it is pending")
}
