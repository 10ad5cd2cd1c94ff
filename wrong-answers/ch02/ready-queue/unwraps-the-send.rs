//! Unwraps the send in `wake`, so a task woken after its executor is gone panics in
//! whoever woke it.
//!
//! kind: error-handling
//! caught-by: a_wake_after_the_executor_is_gone_does_nothing

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        if self.queued.swap(true, Ordering::AcqRel) {
            return;
        }
        let queue = self.ready_queue.clone();
        queue.send(self).expect("the executor is running");
    }
}
