//! # Exercise 2.3: wake means "back on the ready queue"
//!
//! asyncio's loop keeps a queue of ready callbacks; when I/O completes, the
//! suspended coroutine goes back on that queue. Our executor works the same way: a
//! [`Task`] is its own waker, and waking it sends it back on the executor's ready
//! queue. [`Executor::spawn`] is given.
//!
//! Write [`Task::wake`] and [`Executor::run`], with `std` only.
//!
//! The checks (`cargo test -p ch02-ready-queue`) verify:
//! - every spawned task runs to completion, and `run` returns when all are done;
//! - tasks take turns: two tasks that yield alternate step by step (a `run` that
//!   keeps polling one task until it finishes does not);
//! - a task woken later by another thread (as by I/O) is polled again: `run` must
//!   not return while a task is still pending, even when the queue is momentarily
//!   empty;
//! - a stale wake of a finished task is ignored.
//!
//! Each check has a real-time limit: a `wake` that polls the task itself, for
//! instance, locks the task's future while it is already locked, and the limit
//! reports the deadlock.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::task::Wake;

type BoxedFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A spawned future, with a way back onto the ready queue.
pub struct Task {
    /// `None` once the future has finished.
    pub future: Mutex<Option<BoxedFuture>>,
    pub ready_queue: Sender<Arc<Task>>,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        // TODO: put this task back on the ready queue (and nothing else).
        todo!("send the task on its ready queue")
    }
}

/// A single-threaded executor.
pub struct Executor {
    pub ready_queue: Receiver<Arc<Task>>,
    pub sender: Sender<Arc<Task>>,
    /// Spawned tasks that have not finished yet.
    pub unfinished: usize,
}

impl Default for Executor {
    fn default() -> Self {
        let (sender, ready_queue) = channel();
        Self {
            ready_queue,
            sender,
            unfinished: 0,
        }
    }
}

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
        // TODO: while tasks are unfinished: take the next ready task, skip it if it
        // already finished, poll it once with a waker made from the task, and note
        // when it finishes.
        todo!("the event loop")
    }
}
