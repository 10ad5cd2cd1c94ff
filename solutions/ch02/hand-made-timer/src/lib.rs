//! # Exercise 2.2: a timer future by hand (solution)

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

/// What a delay shares with its helper thread.
#[derive(Default)]
pub struct Shared {
    /// Set by the helper thread when the deadline has passed.
    pub fired: bool,
    /// The waker to call then: the one from the latest `Pending` poll.
    pub waker: Option<Waker>,
}

/// A future that completes once `duration` has passed since [`Delay::new`].
pub struct Delay {
    deadline: Instant,
    shared: Arc<Mutex<Shared>>,
    /// `None` until the first `Pending` poll starts the helper thread. Nothing is
    /// ever sent on it: dropping it, with the delay, is what ends the thread's wait.
    stop_helper: Option<Sender<()>>,
}

impl Delay {
    pub fn new(duration: Duration) -> Self {
        Self {
            deadline: Instant::now() + duration,
            shared: Arc::default(),
            stop_helper: None,
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
        if self.stop_helper.is_none() {
            let (stop_helper, stopped) = mpsc::channel::<()>();
            self.stop_helper = Some(stop_helper);
            let (deadline, shared) = (self.deadline, Arc::clone(&self.shared));
            // The helper thread is our "reactor": it does the waiting, so `poll`
            // never does.
            thread::spawn(move || {
                let left = deadline.saturating_duration_since(Instant::now());
                // Asleep in the OS until the deadline (`Timeout`), or until the
                // delay is dropped (`Disconnected`): then nobody waits any more.
                if stopped.recv_timeout(left) != Err(RecvTimeoutError::Timeout) {
                    return;
                }
                let waker = {
                    let mut shared = shared.lock().unwrap();
                    shared.fired = true;
                    shared.waker.take()
                };
                if let Some(waker) = waker {
                    waker.wake();
                }
            });
        }
        Poll::Pending
    }
}
