use std::collections::HashSet;
use std::sync::{Condvar, Mutex};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

/// Proves that `expected` OS threads run at the same time, and that no more than that many
/// distinct threads ran the work.
///
/// Code under test calls [`Rendezvous::arrive`] from inside the work it was given. The first call
/// on each thread waits (in real time, bounded) until `expected` distinct threads have arrived.
/// If the threads run one after another, the first one waits in vain: after [`Self::PATIENCE`]
/// the rendezvous gives up, remembers it, and lets everyone through, so the check can fail with
/// a message instead of a deadlock.
///
/// Meeting proves *at least* `expected` threads: an answer that starts a thread per item meets
/// too. [`Rendezvous::assert_at_most_threads`] proves the other half.
///
/// ```
/// use course_testkit::Rendezvous;
///
/// let groups = [vec![1, 2], vec![3, 4]];
/// let rendezvous = Rendezvous::new(groups.len());
/// std::thread::scope(|scope| {
///     for group in &groups {
///         scope.spawn(|| {
///             rendezvous.arrive();
///             group.iter().sum::<u32>()
///         });
///     }
/// });
/// rendezvous.assert_met("the two groups");
/// rendezvous.assert_at_most_threads(2, "the two groups");
/// ```
pub struct Rendezvous {
    expected: usize,
    patience: Duration,
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
        Self::with_patience(expected, Self::PATIENCE)
    }

    /// A rendezvous that waits `patience` instead of [`Self::PATIENCE`]: for the tests of
    /// this crate, which wait in vain on purpose.
    pub(crate) fn with_patience(expected: usize, patience: Duration) -> Self {
        Self {
            expected,
            patience,
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
        let deadline = Instant::now() + self.patience;
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

    /// Asserts that `expected` threads were there at the same time. `what` names the work,
    /// for the message.
    #[track_caller]
    pub fn assert_met(&self, what: &str) {
        assert!(
            self.all_met(),
            "{what} did not run on {} threads at the same time: {} thread(s) arrived, and the \
             first one waited {:?} for the others in vain. Start all the threads before \
             joining any of them.",
            self.expected,
            self.threads_seen(),
            self.patience
        );
    }

    /// Asserts that at most `max` distinct threads arrived. `what` names the work, for the
    /// message.
    #[track_caller]
    pub fn assert_at_most_threads(&self, max: usize, what: &str) {
        let seen = self.threads_seen();
        assert!(
            seen <= max,
            "{what} ran on {seen} distinct threads; at most {max} were asked for. Each thread \
             costs a stack and a start-up: split the work into {max} parts and give each part \
             to one thread, instead of starting a thread per item."
        );
    }
}

#[cfg(test)]
mod tests {
    use super::Rendezvous;
    use crate::serial;
    use std::time::Duration;

    fn message_of(failure: Box<dyn std::any::Any + Send>) -> String {
        *failure.downcast::<String>().unwrap()
    }

    #[test]
    fn threads_running_together_meet() {
        let _turn = serial();
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
        let _turn = serial();
        let rendezvous = Rendezvous::with_patience(2, Duration::from_millis(200));
        std::thread::scope(|scope| {
            scope.spawn(|| rendezvous.arrive()).join().unwrap();
            scope.spawn(|| rendezvous.arrive()).join().unwrap();
        });
        assert!(!rendezvous.all_met());
        assert_eq!(rendezvous.threads_seen(), 2);
        let failure = std::panic::catch_unwind(|| rendezvous.assert_met("the scoring"));
        let message = message_of(failure.unwrap_err());
        assert!(
            message.contains("the scoring did not run on 2 threads at the same time"),
            "{message}"
        );
    }

    #[test]
    fn a_thread_per_item_meets_but_is_too_many() {
        let _turn = serial();
        let rendezvous = Rendezvous::new(2);
        std::thread::scope(|scope| {
            for _ in 0..5 {
                scope.spawn(|| rendezvous.arrive());
            }
        });
        rendezvous.assert_met("the scoring");
        let failure =
            std::panic::catch_unwind(|| rendezvous.assert_at_most_threads(2, "the scoring"));
        let message = message_of(failure.unwrap_err());
        assert!(message.contains("ran on 5 distinct threads"), "{message}");
    }

    #[test]
    fn the_asked_number_of_threads_passes_both_checks() {
        let _turn = serial();
        let rendezvous = Rendezvous::new(2);
        std::thread::scope(|scope| {
            for _ in 0..2 {
                scope.spawn(|| {
                    // A thread arrives once per item; only its first arrival counts.
                    for _ in 0..3 {
                        rendezvous.arrive();
                    }
                });
            }
        });
        rendezvous.assert_met("the scoring");
        rendezvous.assert_at_most_threads(2, "the scoring");
    }
}
