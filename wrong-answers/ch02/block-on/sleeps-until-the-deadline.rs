//! Sleeps with `thread::sleep` until the deadline instead of parking, so a wake
//! cannot end the wait early.
//!
//! kind: blocking
//! caught-by: it_keeps_waiting_while_the_future_makes_progress

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
        match deadline {
            None => thread::park(),
            Some(deadline) => {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(TimedOut);
                }
                thread::sleep(left);
            }
        }
    }
}
