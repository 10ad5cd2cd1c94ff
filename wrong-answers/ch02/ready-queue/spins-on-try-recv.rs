//! Checks the queue with `try_recv` in a loop, yielding the thread, while no task
//! is ready, instead of blocking in `recv`.
//!
//! kind: busy-wait
//! caught-by: an_idle_executor_sleeps_until_a_task_is_woken

use std::sync::mpsc::TryRecvError;

impl Executor {
    pub fn run(&mut self) {
        while self.unfinished > 0 {
            let task = match self.ready_queue.try_recv() {
                Ok(task) => task,
                Err(TryRecvError::Empty) => {
                    std::thread::yield_now();
                    continue;
                }
                Err(TryRecvError::Disconnected) => return,
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
