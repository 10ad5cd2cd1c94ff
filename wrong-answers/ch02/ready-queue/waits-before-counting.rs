//! Takes a task from the queue first and counts the unfinished ones afterwards, so
//! with no task spawned it waits on the empty queue forever.
//!
//! kind: edge-case
//! caught-by: run_returns_at_once_when_no_task_was_spawned

impl Executor {
    pub fn run(&mut self) {
        loop {
            let task = self
                .ready_queue
                .recv()
                .expect("the executor holds a sender");
            task.queued.store(false, Ordering::Release);
            let mut slot = task.future.lock().unwrap();
            if let Some(future) = slot.as_mut() {
                let waker = Waker::from(Arc::clone(&task));
                if future
                    .as_mut()
                    .poll(&mut Context::from_waker(&waker))
                    .is_ready()
                {
                    *slot = None;
                    self.unfinished -= 1;
                }
            }
            if self.unfinished == 0 {
                return;
            }
        }
    }
}
