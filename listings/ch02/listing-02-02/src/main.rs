//! Listing 2-2: an executor with a ready queue. Each task is a future in a box;
//! waking a task puts it back on the queue (through `std::task::Wake`); the executor
//! polls whatever is on the queue, one task at a time, on one thread. Only `std`.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

// ANCHOR: task
type BoxedFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A spawned future, with what it needs to put itself back on the ready queue.
struct Task {
    name: &'static str,
    /// `None` once the future has finished.
    future: Mutex<Option<BoxedFuture>>,
    ready_queue: Sender<Arc<Task>>,
}

impl Wake for Task {
    /// Waking a task does not run it: it only queues it. The executor runs it when
    /// its turn comes.
    fn wake(self: Arc<Self>) {
        let queue = self.ready_queue.clone();
        // The executor may be gone when a late waker fires; there is nothing to run
        // then.
        let _ = queue.send(self);
    }
}
// ANCHOR_END: task

// ANCHOR: executor
struct Executor {
    ready_queue: Receiver<Arc<Task>>,
    sender: Sender<Arc<Task>>,
    unfinished: usize,
}

impl Executor {
    fn new() -> Self {
        let (sender, ready_queue) = channel();
        Self {
            ready_queue,
            sender,
            unfinished: 0,
        }
    }

    /// Like `tokio::spawn`: the task is queued, so it starts at the executor's next
    /// turn.
    fn spawn(
        &mut self,
        name: &'static str,
        future: impl Future<Output = ()> + Send + 'static,
    ) {
        let task = Arc::new(Task {
            name,
            future: Mutex::new(Some(Box::pin(future))),
            ready_queue: self.sender.clone(),
        });
        self.unfinished += 1;
        self.sender
            .send(task)
            .expect("the executor holds the receiver");
    }

    /// The event loop: take the next ready task, poll it once, repeat until every
    /// task is done.
    fn run(&mut self) {
        while self.unfinished > 0 {
            // Blocks the thread while no task is ready: some waker will send one.
            let task = self
                .ready_queue
                .recv()
                .expect("the executor holds a sender");
            let mut slot = task.future.lock().unwrap();
            let Some(future) = slot.as_mut() else {
                continue; // woken after it finished: nothing to do
            };
            let waker = Waker::from(Arc::clone(&task));
            if future
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                println!("  [executor] {} finished", task.name);
                *slot = None;
                self.unfinished -= 1;
            }
        }
    }
}
// ANCHOR_END: executor

// ANCHOR: yield_now
/// Gives the turn to the other tasks once: wakes itself at once, then answers
/// `Pending`. The task goes to the back of the ready queue, like `await
/// asyncio.sleep(0)` in Python.
struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        context.waker().wake_by_ref();
        Poll::Pending
    }
}

fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// A job that does its work in `steps` slices and lets the others run between
/// slices.
async fn job(name: &'static str, steps: u32) {
    for step in 1..=steps {
        println!("{name}: step {step} of {steps}");
        yield_now().await;
    }
}

fn main() {
    let mut executor = Executor::new();
    executor.spawn("resize", job("resize", 3));
    executor.spawn("upload", job("upload", 2));
    executor.spawn("notify", job("notify", 1));
    executor.run();
}
// ANCHOR_END: yield_now

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spawned_task_runs_to_completion() {
        let finished = Arc::new(Mutex::new(Vec::new()));
        let mut executor = Executor::new();
        for name in ["first", "second"] {
            let finished = Arc::clone(&finished);
            executor.spawn(name, async move {
                yield_now().await;
                finished.lock().unwrap().push(name);
            });
        }
        executor.run();
        assert_eq!(*finished.lock().unwrap(), ["first", "second"]);
    }
}
