//! Starts the helper thread in `Delay::new`, so every delay has a thread from the
//! start, even one that is never polled or is due already.
//!
//! kind: more-than-asked
//! caught-by: one_delay_starts_one_thread_however_often_it_is_polled

impl Delay {
    pub fn new(duration: Duration) -> Self {
        let deadline = Instant::now() + duration;
        let shared = Arc::new(Mutex::new(Shared::default()));
        let (stop_helper, stopped) = mpsc::channel::<()>();
        let helper_shared = Arc::clone(&shared);
        thread::spawn(move || {
            let left = deadline.saturating_duration_since(Instant::now());
            if stopped.recv_timeout(left) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            let waker = {
                let mut shared = helper_shared.lock().unwrap();
                shared.fired = true;
                shared.waker.take()
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        });
        Self {
            deadline,
            shared,
            stop_helper: Some(stop_helper),
        }
    }
}

impl Future for Delay {
    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().unwrap();
        if shared.fired || Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        shared.waker = Some(context.waker().clone());
        Poll::Pending
    }
}
