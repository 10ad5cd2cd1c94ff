//! # Exercise 2.2: a timer future by hand (solution)

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

/// What the delay and its helper thread share.
#[derive(Default)]
pub struct Shared {
    /// Set by the helper thread when the deadline has passed.
    pub fired: bool,
    /// The waker to call then: the one from the latest `Pending` poll.
    pub waker: Option<Waker>,
}

/// A future that completes once `deadline` has passed.
pub struct Delay {
    pub deadline: Instant,
    pub shared: Arc<Mutex<Shared>>,
    /// Whether the helper thread was started (start only one per delay).
    pub thread_started: bool,
}

impl Delay {
    pub fn new(duration: Duration) -> Self {
        Self {
            deadline: Instant::now() + duration,
            shared: Arc::default(),
            thread_started: false,
        }
    }
}

impl Future for Delay {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().unwrap();
        if shared.fired || Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        // Replace, don't keep, the earlier waker: only the latest one is sure to
        // reach the task.
        shared.waker = Some(context.waker().clone());
        drop(shared);
        if !self.thread_started {
            self.thread_started = true;
            let (deadline, shared) = (self.deadline, Arc::clone(&self.shared));
            // The helper thread is our "reactor": it does the waiting, so `poll`
            // never does.
            std::thread::spawn(move || {
                std::thread::sleep(
                    deadline.saturating_duration_since(Instant::now()),
                );
                let mut shared = shared.lock().unwrap();
                shared.fired = true;
                if let Some(waker) = shared.waker.take() {
                    waker.wake();
                }
            });
        }
        Poll::Pending
    }
}
