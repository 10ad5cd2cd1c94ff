//! # Exercise 2.2: a timer future by hand
//!
//! `tokio::time::sleep` is a future like any other: it answers `Pending` until its
//! deadline, and something outside it (tokio's timer driver) calls its waker when
//! the deadline passes. Build a small one yourself, with `std` only: [`Delay`]
//! completes `duration` after it was created. Use a helper thread as the "reactor"
//! that waits for the deadline.
//!
//! Write [`Delay::poll`] (the `Future` impl); [`Delay::new`] and [`Shared`] are
//! given.
//!
//! The checks (`cargo test -p ch02-hand-made-timer`) verify:
//! - a zero delay is ready at the first poll;
//! - a one-hour delay answers `Pending` at once: `poll` must never wait itself;
//! - when the deadline passes, the waker is called, and the next poll is `Ready`;
//! - polled twice with two different wakers, the delay wakes the **latest** one (an
//!   executor may hand a task a new waker at each poll);
//! - it works under a real executor: tokio awaits it, with the runtime's thread free
//!   meanwhile.
//!
//! Each check has a real-time limit.

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

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        // TODO: ready if the deadline has passed; otherwise store the current waker,
        // start the helper thread once, and answer Pending without waiting.
        let _ = context;
        todo!("answer at once: Ready after the deadline, Pending before")
    }
}
