//! Marks the task as off the queue only after its poll, so a wake that comes
//! during the poll finds it still marked as queued and is lost.
//!
//! kind: wrong-value
//! caught-by: a_wake_during_the_tasks_own_poll_is_not_lost

impl Executor {
    /// Queues `future` as a new task. It starts when `run` is called.
    pub fn spawn(&mut self, future: impl Future<Output = ()> + Send + 'static) {
        let task = Arc::new(Task {
            future: Mutex::new(Some(Box::pin(future))),
            ready_queue: self.sender.clone(),
            queued: AtomicBool::new(true),
        });
        self.unfinished += 1;
        self.sender
            .send(task)
            .expect("the executor holds the receiver");
    }

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
