//! The helper thread sleeps until the deadline whatever happens: a delay dropped
//! long before it leaves its thread asleep, for up to an hour.
//!
//! kind: leak
//! caught-by: dropping_a_pending_delay_ends_its_thread

/// A future that completes once `duration` has passed since [`Delay::new`].
pub struct Delay {
    deadline: Instant,
    shared: Arc<Mutex<Shared>>,
    thread_started: bool,
}

impl Delay {
    pub fn new(duration: Duration) -> Self {
        Self {
            deadline: Instant::now() + duration,
            shared: Arc::default(),
            thread_started: false,
        }
    }
}

impl Future for Delay {
    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().unwrap();
        if shared.fired || Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        shared.waker = Some(context.waker().clone());
        drop(shared);
        if !self.thread_started {
            self.thread_started = true;
            let (deadline, shared) = (self.deadline, Arc::clone(&self.shared));
            thread::spawn(move || {
                thread::sleep(deadline.saturating_duration_since(Instant::now()));
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
