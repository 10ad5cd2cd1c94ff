//! Starts a new helper thread at every `Pending` poll (the new sender ends the
//! previous thread), instead of one per delay.
//!
//! kind: more-than-asked
//! caught-by: one_delay_starts_one_thread_however_often_it_is_polled

impl Future for Delay {
    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().unwrap();
        if shared.fired || Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        shared.waker = Some(context.waker().clone());
        drop(shared);
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
        Poll::Pending
    }
}
