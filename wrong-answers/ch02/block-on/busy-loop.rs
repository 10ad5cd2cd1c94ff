//! Polls again at once instead of sleeping until the waker is called.
//!
//! kind: busy-wait
//! caught-by: a_future_completed_by_another_thread_is_polled_only_when_woken

/// Runs `future` to completion on the calling thread, sleeping while it is pending.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker {
        waiting_thread: std::thread::current(),
    }));
    let mut context = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::yield_now(),
        }
    }
}
