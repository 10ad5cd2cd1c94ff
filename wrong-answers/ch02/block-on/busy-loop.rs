//! Polls again at once after each Pending, yielding the thread, until the future is
//! ready or the deadline has passed.
//!
//! kind: busy-wait
//! caught-by: it_sleeps_until_the_future_is_woken

pub fn block_on_timeout<F: Future>(
    future: F,
    timeout: Duration,
) -> Result<F::Output, TimedOut> {
    let deadline = Instant::now().checked_add(timeout);
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
        thread::yield_now();
    }
}
