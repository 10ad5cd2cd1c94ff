//! The waker sets a flag, and block_on_timeout spins on that flag until it is set,
//! instead of parking the thread.
//!
//! kind: busy-wait
//! caught-by: it_sleeps_until_the_future_is_woken

use std::sync::atomic::{AtomicBool, Ordering};

/// The waker `block_on_timeout` gives the future: it knows which thread is waiting.
pub struct ThreadWaker {
    pub woken: AtomicBool,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
    }
}

pub fn block_on_timeout<F: Future>(
    future: F,
    timeout: Duration,
) -> Result<F::Output, TimedOut> {
    let deadline = Instant::now().checked_add(timeout);
    let mut future = pin!(future);
    let thread_waker = Arc::new(ThreadWaker {
        woken: AtomicBool::new(false),
    });
    let waker = Waker::from(Arc::clone(&thread_waker));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return Ok(output);
        }
        while !thread_waker.woken.swap(false, Ordering::SeqCst) {
            if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                return Err(TimedOut);
            }
            std::hint::spin_loop();
        }
    }
}
