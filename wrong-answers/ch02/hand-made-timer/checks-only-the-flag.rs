//! Trusts only the helper thread's `fired` flag, never the clock, so even a delay
//! that is already due answers `Pending` at its first poll.
//!
//! kind: edge-case
//! caught-by: a_delay_that_is_due_is_ready_at_its_first_poll

impl Future for Delay {
    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().unwrap();
        if shared.fired {
            return Poll::Ready(());
        }
        shared.waker = Some(context.waker().clone());
        drop(shared);
        if self.stop_helper.is_none() {
            let (stop_helper, stopped) = mpsc::channel::<()>();
            self.stop_helper = Some(stop_helper);
            let (deadline, shared) = (self.deadline, Arc::clone(&self.shared));
            thread::spawn(move || {
                let left = deadline.saturating_duration_since(Instant::now());
                if stopped.recv_timeout(left) != Err(RecvTimeoutError::Timeout) {
                    return;
                }
                let waker = {
                    let mut shared = shared.lock().unwrap();
                    shared.fired = true;
                    shared.waker.take()
                };
                if let Some(waker) = waker {
                    waker.wake();
                }
            });
        }
        Poll::Pending
    }
}
