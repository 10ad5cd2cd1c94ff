//! The ready-queue executor of Listing 2-2, recording each poll and wake in a
//! [`Trace`].

use crate::trace::{Kind, Trace};
use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};

type BoxedFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

struct Task {
    name: &'static str,
    future: Mutex<Option<BoxedFuture>>,
    ready_queue: Sender<Arc<Task>>,
    trace: Trace,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        self.trace.record(self.name, Kind::Wake);
        let queue = self.ready_queue.clone();
        let _ = queue.send(self);
    }
}

/// Counts of what the executor did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub tasks: usize,
    pub polls: usize,
}

pub struct Executor {
    ready_queue: Receiver<Arc<Task>>,
    sender: Sender<Arc<Task>>,
    unfinished: usize,
    stats: Stats,
    trace: Trace,
}

impl Executor {
    pub fn new(trace: Trace) -> Self {
        let (sender, ready_queue) = channel();
        Self {
            ready_queue,
            sender,
            unfinished: 0,
            stats: Stats::default(),
            trace,
        }
    }

    pub fn spawn(
        &mut self,
        name: &'static str,
        future: impl Future<Output = ()> + Send + 'static,
    ) {
        let task = Arc::new(Task {
            name,
            future: Mutex::new(Some(Box::pin(future))),
            ready_queue: self.sender.clone(),
            trace: self.trace.clone(),
        });
        self.unfinished += 1;
        self.stats.tasks += 1;
        self.sender
            .send(task)
            .expect("the executor holds the receiver");
    }

    // ANCHOR: run
    /// Polls ready tasks until all are finished, and says how many polls that took.
    pub fn run(&mut self) -> Stats {
        while self.unfinished > 0 {
            let task = self
                .ready_queue
                .recv()
                .expect("the executor holds a sender");
            let mut slot = task.future.lock().unwrap();
            let Some(future) = slot.as_mut() else {
                continue;
            };
            let waker = Waker::from(Arc::clone(&task));
            self.trace.record(task.name, Kind::Poll);
            self.stats.polls += 1;
            if future
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                self.trace.record(task.name, Kind::Ready);
                *slot = None;
                self.unfinished -= 1;
            } else {
                self.trace.record(task.name, Kind::Pending);
            }
        }
        self.stats
    }
    // ANCHOR_END: run
}
