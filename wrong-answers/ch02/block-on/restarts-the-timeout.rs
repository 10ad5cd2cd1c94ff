//! Parks for the whole timeout after every poll and gives up only when one park
//! lasted that long, so every wake starts the timeout again.
//!
//! kind: wrong-value
//! caught-by: the_timeout_counts_from_the_call_not_from_the_latest_wake

pub fn block_on_timeout<F: Future>(
    future: F,
    timeout: Duration,
) -> Result<F::Output, TimedOut> {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker {
        waiting_thread: thread::current(),
    }));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return Ok(output);
        }
        let parked_at = Instant::now();
        thread::park_timeout(timeout);
        if parked_at.elapsed() >= timeout {
            return Err(TimedOut);
        }
    }
}
