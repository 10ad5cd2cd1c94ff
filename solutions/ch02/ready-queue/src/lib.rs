//! # Exercise 2.3: wake once, run once (solution)

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};

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
        // Only the wake that turns the flag from false to true queues the task; the
        // others find it queued already. Waking never polls: the executor polls the
        // task when its turn comes.
        if self.queued.swap(true, Ordering::AcqRel) {
            return;
        }
        // The send fails only if the executor is gone, and then there is nobody
        // left to run the task.
        let queue = self.ready_queue.clone();
        let _ = queue.send(self);
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
        while self.unfinished > 0 {
            // `recv` sleeps while nothing is ready; a waker (maybe on another
            // thread) ends it.
            let task = self
                .ready_queue
                .recv()
                .expect("the executor holds a sender");
            // Off the queue *before* the poll: a wake from now on, even one during
            // the poll below, queues the task again.
            task.queued.store(false, Ordering::Release);
            let mut slot = task.future.lock().unwrap();
            let Some(future) = slot.as_mut() else {
                continue; // a late wake: the task already finished
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
