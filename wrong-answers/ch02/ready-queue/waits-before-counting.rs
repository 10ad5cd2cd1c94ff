//! Takes a task from the queue first and counts the unfinished ones afterwards, so
//! with no task spawned it waits on the empty queue forever.
//!
//! kind: edge-case
//! caught-by: run_returns_at_once_when_no_task_was_spawned

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
