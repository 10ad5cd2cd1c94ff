//! # Exercise 2.3: wake once, run once
//!
//! Listing 2-2's executor puts a task back on its ready queue at every wake: a task
//! woken five times before its turn comes is queued five times, and polled five
//! times, four of them for nothing. tokio's tasks carry a "notified" flag instead:
//! waking a task that is already queued does nothing. Give this executor that rule.
//!
//! - [`Task::wake`] queues the task only if it is not queued already; its `queued`
//!   flag says whether it is (`spawn` queues a new task, so it starts `true`).
//! - [`Executor::run`] takes the next ready task and polls it once, again and again,
//!   until every spawned task has finished; with no task spawned, it returns at
//!   once. A task woken while it is being polled (as `yield_now` does) is polled
//!   again later: that wake is not lost.
//! - Tasks take turns: a woken task goes to the back of the queue.
//! - While no task is ready, `run` sleeps until a waker (maybe on another thread)
//!   queues one: it neither spins nor returns while a task is still pending.
//! - A wake that comes after the task has finished, or after the executor is gone,
//!   does nothing (and does not panic).
//!
//! Write [`Task::wake`] and [`Executor::run`], with `std` only. Run `cargo xtask
//! check ch02-ready-queue` to see what the checks verify.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::task::Wake;

type BoxedFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A spawned future, with a way back onto the ready queue.
pub struct Task {
    /// `None` once the future has finished.
    pub future: Mutex<Option<BoxedFuture>>,
    pub ready_queue: Sender<Arc<Task>>,
    /// Whether the task is on the ready queue (or about to be put on it).
    pub queued: AtomicBool,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        // TODO: put this task on the ready queue, unless it is queued already.
        todo!("queue the task once")
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
            queued: AtomicBool::new(true),
        });
        self.unfinished += 1;
        self.sender
            .send(task)
            .expect("the executor holds the receiver");
    }

    /// Polls ready tasks, one poll at a time, until every spawned task has finished.
    pub fn run(&mut self) {
        // TODO: while tasks are unfinished: take the next ready task, note that it
        // is off the queue, skip it if it already finished, poll it once with a
        // waker made from the task, and note when it finishes.
        todo!("the event loop")
    }
}
