//! The waker notifies a `Condvar` that block_on_timeout waits on, with no flag
//! beside it: a wake that comes while nobody waits yet (during the poll) is lost.
//!
//! kind: wrong-value
//! caught-by: a_wake_that_comes_before_the_sleep_is_not_lost

use std::sync::{Condvar, Mutex};

/// The waker `block_on_timeout` gives the future: it knows how to wake the waiter.
pub struct ThreadWaker {
    pub lock: Mutex<()>,
    pub woken: Condvar,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        let _guard = self.lock.lock().unwrap();
        self.woken.notify_one();
    }
}

pub fn block_on_timeout<F: Future>(
    future: F,
    timeout: Duration,
) -> Result<F::Output, TimedOut> {
    let deadline = Instant::now().checked_add(timeout);
    let mut future = pin!(future);
    let thread_waker = Arc::new(ThreadWaker {
        lock: Mutex::new(()),
        woken: Condvar::new(),
    });
    let waker = Waker::from(Arc::clone(&thread_waker));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return Ok(output);
        }
        let guard = thread_waker.lock.lock().unwrap();
        match deadline {
            None => drop(thread_waker.woken.wait(guard).unwrap()),
            Some(deadline) => {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(TimedOut);
                }
                drop(thread_waker.woken.wait_timeout(guard, left).unwrap());
            }
        }
    }
}
