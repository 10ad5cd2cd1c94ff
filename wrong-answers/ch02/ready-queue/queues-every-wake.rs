//! Queues the task at every wake, as Listing 2-2 does, so a task woken five times
//! before its turn is polled five times.
//!
//! kind: more-than-asked
//! caught-by: a_task_woken_many_times_before_its_turn_is_polled_once

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        self.queued.store(true, Ordering::Release);
        let queue = self.ready_queue.clone();
        let _ = queue.send(self);
    }
}
