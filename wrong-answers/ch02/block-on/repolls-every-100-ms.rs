//! Sleeps 100 ms at a time and polls again, instead of sleeping until the waker is
//! called.
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
        let left = match deadline {
            None => Duration::MAX,
            Some(deadline) => deadline.saturating_duration_since(Instant::now()),
        };
        if left.is_zero() {
            return Err(TimedOut);
        }
        thread::sleep(left.min(Duration::from_millis(100)));
    }
}
