//! The timer reactor: a thread that owns every pending deadline, waits (in the OS)
//! for the earliest one, and wakes the tasks whose deadline has passed. The executor
//! never waits on time itself: it only runs what the reactor puts back on its ready
//! queue.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

// ANCHOR: reactor
#[derive(Default)]
struct Timers {
    /// Deadlines with the waker to call when each one passes, in no particular
    /// order.
    pending: Vec<(Instant, Waker)>,
    shutting_down: bool,
}

type Shared = Arc<(Mutex<Timers>, Condvar)>;

/// The reactor's thread. Dropping it stops the thread.
pub struct TimerReactor {
    shared: Shared,
    thread: Option<JoinHandle<()>>,
}

impl TimerReactor {
    pub fn start() -> Self {
        let shared: Shared = Arc::default();
        let reactor = Arc::clone(&shared);
        let thread = std::thread::spawn(move || fire_timers(&reactor));
        Self {
            shared,
            thread: Some(thread),
        }
    }

    /// A future that completes `duration` from now, like `tokio::time::sleep`.
    pub fn sleep(&self, duration: Duration) -> Sleep {
        Sleep {
            deadline: Instant::now() + duration,
            reactor: Arc::clone(&self.shared),
        }
    }
}

/// The reactor's loop: wake every task whose deadline has passed, then wait in the
/// OS until the earliest remaining deadline, or until a new timer is registered.
fn fire_timers(shared: &Shared) {
    let (timers, changed) = &**shared;
    let mut timers = timers.lock().unwrap();
    while !timers.shutting_down {
        let now = Instant::now();
        // Fire in deadline order, so that tasks are queued in the order their timers
        // expire.
        timers.pending.sort_by_key(|(deadline, _)| *deadline);
        let due = timers
            .pending
            .partition_point(|(deadline, _)| *deadline <= now);
        for (_, waker) in timers.pending.drain(..due) {
            waker.wake();
        }
        timers = match timers.pending.first() {
            Some((earliest, _)) => {
                let wait = earliest.saturating_duration_since(now);
                changed.wait_timeout(timers, wait).unwrap().0
            }
            None => changed.wait(timers).unwrap(),
        };
    }
}
// ANCHOR_END: reactor

impl Drop for TimerReactor {
    fn drop(&mut self) {
        self.shared.0.lock().unwrap().shutting_down = true;
        self.shared.1.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

// ANCHOR: sleep
/// A timer future: registers its deadline and waker with the reactor, and is ready
/// once the deadline has passed.
pub struct Sleep {
    deadline: Instant,
    reactor: Shared,
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        // Registered again on every `Pending` poll: our executor polls a task only
        // after its wake, so this happens once per sleep. A real reactor would
        // replace the earlier entry.
        let (timers, changed) = &*self.reactor;
        timers
            .lock()
            .unwrap()
            .pending
            .push((self.deadline, context.waker().clone()));
        // The reactor may be waiting for a later deadline: make it look at the new
        // one.
        changed.notify_one();
        Poll::Pending
    }
}
// ANCHOR_END: sleep
