//! Returns as soon as the ready queue is empty, while a task still waits.
//!
//! kind: wrong-value
//! caught-by: a_task_woken_later_by_another_thread_is_polled_again

impl Executor {
    /// Queues `future` as a new task. It starts when `run` is called.
    pub fn spawn(&mut self, future: impl Future<Output = ()> + Send + 'static) {
        let task = Arc::new(Task {
            future: Mutex::new(Some(Box::pin(future))),
            ready_queue: self.sender.clone(),
        });
        self.unfinished += 1;
        self.sender
            .send(task)
            .expect("the executor holds the receiver");
    }

    /// Polls ready tasks, one poll at a time, until every spawned task has finished.
    pub fn run(&mut self) {
        while self.unfinished > 0 {
            // `recv` sleeps while nothing is ready; a waker (maybe on another thread) ends it.
            let Ok(task) = self.ready_queue.try_recv() else {
                return;
            };
            let mut slot = task.future.lock().unwrap();
            let Some(future) = slot.as_mut() else {
                continue; // a stale wake: the task already finished
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
        }
    }
}
