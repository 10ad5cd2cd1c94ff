//! Parks once with the whole timeout and polls once more: a future that needs more
//! than one wake is given up on, long before its deadline.
//!
//! kind: wrong-value
//! caught-by: it_keeps_waiting_while_the_future_makes_progress

pub fn block_on_timeout<F: Future>(
    future: F,
    timeout: Duration,
) -> Result<F::Output, TimedOut> {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker {
        waiting_thread: thread::current(),
    }));
    let mut context = Context::from_waker(&waker);
    if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
        return Ok(output);
    }
    // Woken or timed out: either way, this poll decides.
    thread::park_timeout(timeout);
    match future.as_mut().poll(&mut context) {
        Poll::Ready(output) => Ok(output),
        Poll::Pending => Err(TimedOut),
    }
}
