//! Keeps a finished future in its task, so a late wake polls it again.
//!
//! kind: wrong-value
//! caught-by: a_stale_wake_of_a_finished_task_is_ignored

impl Executor {
    pub fn run(&mut self) {
        while self.unfinished > 0 {
            let task = self
                .ready_queue
                .recv()
                .expect("the executor holds a sender");
            task.queued.store(false, Ordering::Release);
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
                self.unfinished -= 1;
            }
        }
    }
}
