//! # Exercise 2.1: write `block_on` (solution)

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;

/// The waker `block_on` gives the future: it knows which thread is waiting.
pub struct ThreadWaker {
    pub waiting_thread: Thread,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.waiting_thread.unpark();
    }
}

/// Runs `future` to completion on the calling thread, sleeping while it is pending.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker {
        waiting_thread: std::thread::current(),
    }));
    let mut context = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            // An `unpark` that came before this `park` (even during the poll) is
            // remembered as a token, so `park` returns at once: no wake is lost.
            Poll::Pending => std::thread::park(),
        }
    }
}
