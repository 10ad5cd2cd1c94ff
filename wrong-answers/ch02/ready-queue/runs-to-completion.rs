//! Polls the task it takes from the queue again and again until it finishes, so
//! tasks run one after another instead of taking turns.
//!
//! kind: sequential
//! caught-by: tasks_take_turns_when_they_yield

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
