use std::collections::HashSet;
use std::sync::{Condvar, Mutex};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

/// Proves that `expected` OS threads run at the same time.
///
/// Code under test calls [`Rendezvous::arrive`] from inside the work it was given. The first call
/// on each thread waits (in real time, bounded) until `expected` distinct threads have arrived.
/// If the threads run one after another, the first one waits in vain: after [`Self::PATIENCE`]
/// the rendezvous gives up, remembers it, and lets everyone through, so the check can fail with
/// a message instead of a deadlock.
pub struct Rendezvous {
    expected: usize,
    state: Mutex<State>,
    everyone_here: Condvar,
}

#[derive(Default)]
struct State {
    arrived: HashSet<ThreadId>,
    gave_up: bool,
}

impl Rendezvous {
    /// How long the first thread waits for the others.
    pub const PATIENCE: Duration = Duration::from_secs(5);

    pub fn new(expected: usize) -> Self {
        Self {
            expected,
            state: Mutex::new(State::default()),
            everyone_here: Condvar::new(),
        }
    }

    /// Called by the work on each thread. Returns immediately on a thread that already arrived.
    pub fn arrive(&self) {
        let mut state = self.state.lock().unwrap();
        if !state.arrived.insert(std::thread::current().id()) {
            return;
        }
        self.everyone_here.notify_all();
        let deadline = Instant::now() + Self::PATIENCE;
        while state.arrived.len() < self.expected && !state.gave_up {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                state.gave_up = true;
                self.everyone_here.notify_all();
                break;
            }
            state = self.everyone_here.wait_timeout(state, left).unwrap().0;
        }
    }

    /// How many distinct threads arrived.
    pub fn threads_seen(&self) -> usize {
        self.state.lock().unwrap().arrived.len()
    }

    /// True when all `expected` threads were there at the same time.
    pub fn all_met(&self) -> bool {
        let state = self.state.lock().unwrap();
        !state.gave_up && state.arrived.len() >= self.expected
    }
}

#[cfg(test)]
mod tests {
    use super::Rendezvous;

    #[test]
    fn threads_running_together_meet() {
        let rendezvous = Rendezvous::new(3);
        std::thread::scope(|scope| {
            for _ in 0..3 {
                scope.spawn(|| rendezvous.arrive());
            }
        });
        assert!(rendezvous.all_met());
        assert_eq!(rendezvous.threads_seen(), 3);
    }

    #[test]
    fn threads_running_one_after_another_do_not() {
        let rendezvous = Rendezvous::new(2);
        std::thread::scope(|scope| {
            scope.spawn(|| rendezvous.arrive()).join().unwrap();
            scope.spawn(|| rendezvous.arrive()).join().unwrap();
        });
        assert!(!rendezvous.all_met());
        assert_eq!(rendezvous.threads_seen(), 2);
    }
}
