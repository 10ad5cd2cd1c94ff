//! Computes the deadline as `Instant::now() + timeout`, which panics for a timeout
//! as large as `Duration::MAX`.
//!
//! kind: edge-case
//! caught-by: the_largest_timeouts_mean_no_limit

pub fn block_on_timeout<F: Future>(
    future: F,
    timeout: Duration,
) -> Result<F::Output, TimedOut> {
    let deadline = Instant::now() + timeout;
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker {
        waiting_thread: thread::current(),
    }));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return Ok(output);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(TimedOut);
        }
        thread::park_timeout(left);
    }
}
