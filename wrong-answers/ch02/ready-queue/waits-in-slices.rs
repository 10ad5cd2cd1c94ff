//! Waits for the next ready task 10 ms at a time with `recv_timeout`, checking
//! again after each slice, instead of blocking in `recv` until a waker sends one.
//!
//! kind: busy-wait
//! caught-by: an_idle_executor_sleeps_until_a_task_is_woken

use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

impl Executor {
    pub fn run(&mut self) {
        while self.unfinished > 0 {
            let task = match self.ready_queue.recv_timeout(Duration::from_millis(10))
            {
                Ok(task) => task,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return,
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
