//! Starts a timer thread for each call, which unparks the caller at the deadline
//! and ends when the call returns: a thread the task does not need.
//!
//! kind: more-than-asked
//! caught-by: it_waits_on_the_calling_thread_alone

use std::sync::mpsc::{RecvTimeoutError, channel};

pub fn block_on_timeout<F: Future>(
    future: F,
    timeout: Duration,
) -> Result<F::Output, TimedOut> {
    let deadline = Instant::now().checked_add(timeout);
    let caller = thread::current();
    // Dropped when this function returns, which ends the timer thread's wait.
    let (_returned, returned_signal) = channel::<()>();
    thread::spawn(move || {
        if returned_signal.recv_timeout(timeout) == Err(RecvTimeoutError::Timeout) {
            caller.unpark();
        }
    });
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker {
        waiting_thread: thread::current(),
    }));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return Ok(output);
        }
        if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
            return Err(TimedOut);
        }
        thread::park();
    }
}
