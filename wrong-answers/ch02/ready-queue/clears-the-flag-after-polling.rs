//! Marks the task as off the queue only after its poll, so a wake that comes
//! during the poll finds it still marked as queued and is lost.
//!
//! kind: wrong-value
//! caught-by: a_wake_during_the_tasks_own_poll_is_not_lost

impl Executor {
    pub fn run(&mut self) {
        while self.unfinished > 0 {
            let task = self
                .ready_queue
                .recv()
                .expect("the executor holds a sender");
            let mut slot = task.future.lock().unwrap();
            let Some(future) = slot.as_mut() else {
                continue;
            };
            let waker = Waker::from(Arc::clone(&task));
            if future
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                *slot = None;
                self.unfinished -= 1;
            }
            // Polled: it is off the queue now.
            task.queued.store(false, Ordering::Release);
        }
    }
}
