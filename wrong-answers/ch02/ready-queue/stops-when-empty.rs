//! Returns as soon as the ready queue is empty, leaving behind a task that still
//! waits to be woken.
//!
//! kind: leak
//! caught-by: a_task_woken_later_by_another_thread_is_polled_again

impl Executor {
    pub fn run(&mut self) {
        while self.unfinished > 0 {
            let Ok(task) = self.ready_queue.try_recv() else {
                return; // nothing is ready: everything must be done
            };
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
                *slot = None;
                self.unfinished -= 1;
            }
        }
    }
}
