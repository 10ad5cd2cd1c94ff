//! Looks at the clock before each poll, so with a zero timeout the future is never
//! polled, even one that is ready at once.
//!
//! kind: edge-case
//! caught-by: a_ready_future_gives_its_output_even_with_a_zero_timeout

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
        let left = match deadline {
            None => Duration::MAX,
            Some(deadline) => deadline.saturating_duration_since(Instant::now()),
        };
        if left.is_zero() {
            return Err(TimedOut);
        }
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return Ok(output);
        }
        thread::park_timeout(left);
    }
}
