//! Keeps the waker of the first poll and ignores later ones.
//!
//! kind: wrong-value
//! caught-by: the_latest_waker_is_the_one_called

impl Future for Delay {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().unwrap();
        if shared.fired || Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        if shared.waker.is_none() {
            shared.waker = Some(context.waker().clone());
        }
        drop(shared);
        if !self.thread_started {
            self.thread_started = true;
            let (deadline, shared) = (self.deadline, Arc::clone(&self.shared));
            // The helper thread is our "reactor": it does the waiting, so `poll` never does.
            std::thread::spawn(move || {
                std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
                let mut shared = shared.lock().unwrap();
                shared.fired = true;
                if let Some(waker) = shared.waker.take() {
                    waker.wake();
                }
            });
        }
        Poll::Pending
    }
}
