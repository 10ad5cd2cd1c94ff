//! # Exercise 2.2: a timer future by hand
//!
//! `tokio::time::sleep` is a future like any other: it answers `Pending` until its
//! deadline, and something outside it (tokio's timer driver) calls its waker when
//! the deadline passes. Dropping it cancels it: the driver forgets the deadline.
//! Build a small one with `std` only: [`Delay`] completes `duration` after
//! [`Delay::new`], with a helper thread of its own as the "reactor" that waits for
//! the deadline.
//!
//! - `poll` answers at once, whatever the duration: `Ready` once the deadline has
//!   passed (already at the first poll, for a delay that is due), `Pending` before.
//!   It never waits itself.
//! - A pending delay starts one helper thread, at its first `Pending` poll, however
//!   often it is polled afterwards.
//! - The helper thread sleeps until the deadline (it does not check the clock in a
//!   loop), then calls the waker of the **latest** poll, once: an executor may hand
//!   a task a new waker at each poll.
//! - Dropping a pending delay ends its helper thread at once, as dropping a tokio
//!   `Sleep` cancels its timer.
//!
//! Write `poll`, and add to [`Delay`] the fields you need (and a `Drop` impl if you
//! want one). Run `cargo xtask check ch02-hand-made-timer` to see what the checks
//! verify.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
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
    // TODO: what tells `poll` that the helper thread already runs, and what tells
    // the helper thread that the delay was dropped.
}

impl Delay {
    pub fn new(duration: Duration) -> Self {
        Self {
            deadline: Instant::now() + duration,
            shared: Arc::default(),
        }
    }
}

impl Future for Delay {
    type Output = ();

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        // TODO: Ready if the deadline has passed; otherwise store the current waker,
        // start the helper thread if it does not run yet, and answer Pending.
        let _ = (self.deadline, &self.shared, context);
        todo!("answer at once: Ready after the deadline, Pending before")
    }
}
