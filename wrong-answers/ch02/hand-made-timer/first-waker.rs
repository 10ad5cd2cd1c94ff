//! Keeps the waker of the first poll and ignores the later ones.
//!
//! kind: wrong-value
//! caught-by: the_latest_waker_is_the_one_called

impl Future for Delay {
    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().unwrap();
        if shared.fired || Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        if shared.waker.is_none() {
            shared.waker = Some(context.waker().clone());
        }
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
