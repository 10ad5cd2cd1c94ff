//! Polls the task it takes from the queue again and again until it finishes, so
//! tasks run one after another instead of taking turns.
//!
//! kind: sequential
//! caught-by: tasks_take_turns_when_they_yield

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
            while future
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
            {}
            *slot = None;
            self.unfinished -= 1;
        }
    }
}
