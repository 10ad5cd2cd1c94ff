//! Polls the task right inside `wake` instead of queueing it, so a task that wakes
//! itself during its poll locks its own future twice and deadlocks.
//!
//! kind: blocking
//! caught-by: tasks_take_turns_when_they_yield

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        // No need to wait for its turn: run it now.
        let mut slot = self.future.lock().unwrap();
        if let Some(future) = slot.as_mut() {
            let waker = Waker::from(Arc::clone(&self));
            if future
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                *slot = None;
            }
        }
    }
}
