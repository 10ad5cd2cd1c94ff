//! Waits for the deadline inside poll instead of on a helper thread.
//!
//! kind: blocking
//! caught-by: poll_answers_at_once_even_for_a_long_delay

impl Future for Delay {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        std::thread::sleep(self.deadline.saturating_duration_since(Instant::now()));
        let mut shared = self.shared.lock().unwrap();
        if shared.fired || Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        // Replace, don't keep, the earlier waker: only the latest one is sure to reach the task.
        shared.waker = Some(context.waker().clone());
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
