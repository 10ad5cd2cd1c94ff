//! Starts a timer thread that sleeps for the timeout and then unparks the caller,
//! and never stops it: after an early return it sleeps on, for up to an hour.
//!
//! kind: leak
//! caught-by: it_waits_on_the_calling_thread_alone

pub fn block_on_timeout<F: Future>(
    future: F,
    timeout: Duration,
) -> Result<F::Output, TimedOut> {
    let deadline = Instant::now().checked_add(timeout);
    let caller = thread::current();
    thread::spawn(move || {
        thread::sleep(timeout);
        caller.unpark();
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
