use std::cell::Cell;
use std::marker::PhantomData;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// How long a check waits for its turn before concluding that another check of the same
/// test binary is stuck. Every runner bounds its own check, so this is only reached when a
/// sync check that holds [`serial`] waits for something without a bound.
pub const SERIAL_PATIENCE: Duration = Duration::from_secs(600);

/// Whether some check of this process is running, and how many wait for their turn.
struct Turn {
    taken: bool,
    waiting: usize,
}

static TURN: Mutex<Turn> = Mutex::new(Turn {
    taken: false,
    waiting: 0,
});
static TURN_FREED: Condvar = Condvar::new();

thread_local! {
    /// How many serial guards this thread holds (its own or lent by a runner).
    static HELD_HERE: Cell<usize> = const { Cell::new(0) };
}

/// Takes the process-wide turn for a check, so that no other check of this test binary runs
/// until the returned guard is dropped.
///
/// libtest runs the tests of one binary in parallel threads. Measurements of the whole
/// process (CPU time, the number of OS threads) would count the other tests' work, so the
/// probes that make them ([`crate::CpuProbe::start`], [`crate::OsThreads::start`]) refuse to
/// start outside a serial section. [`crate::run_paused`] and [`crate::run_real_clock`] take
/// the turn themselves; a sync check takes it with this function:
///
/// ```
/// use course_testkit::{OsThreads, serial};
///
/// let _turn = serial();
/// let threads = OsThreads::start();
/// std::thread::scope(|scope| {
///     scope.spawn(|| threads.assert_at_most_started(1, "the scoped worker"));
/// });
/// threads.assert_all_ended("the scoped worker");
/// ```
///
/// Taking the turn again on a thread that holds it returns at once (so a sync check may call
/// `run_paused` inside it); a thread that the check starts is not in the turn, and would wait
/// for it. A check that panics releases the turn as it unwinds, and the next
/// check runs normally: there is no poisoning. Only tests that take the turn wait for each
/// other: in a binary with measuring checks, every test should go through a runner or
/// `serial()`.
///
/// # Panics
/// If the turn does not come within [`SERIAL_PATIENCE`].
#[must_use = "the turn lasts as long as the guard: bind it with `let _turn = serial();`"]
pub fn serial() -> SerialGuard {
    if holds_turn() {
        return SerialGuard::lent();
    }
    let mut turn = lock_turn();
    turn.waiting += 1;
    let deadline = Instant::now() + SERIAL_PATIENCE;
    while turn.taken {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            turn.waiting -= 1;
            drop(turn);
            panic!(
                "this check waited {SERIAL_PATIENCE:?} for another check of the same test binary \
                 to finish. That check is stuck: a sync check that holds `serial()` must bound \
                 every wait it makes."
            );
        }
        turn = TURN_FREED
            .wait_timeout(turn, left)
            .unwrap_or_else(PoisonError::into_inner)
            .0;
    }
    turn.waiting -= 1;
    turn.taken = true;
    drop(turn);
    HELD_HERE.set(HELD_HERE.get() + 1);
    SerialGuard {
        owns_turn: true,
        not_send: PhantomData,
    }
}

/// The turn taken by [`serial`]; dropping it lets the next check run.
pub struct SerialGuard {
    owns_turn: bool,
    /// The guard is tied to the thread whose count it changed.
    not_send: PhantomData<*const ()>,
}

impl SerialGuard {
    /// Marks this thread as running inside a turn that another thread holds: a runner lends
    /// its turn to the thread that runs the check.
    pub(crate) fn lent() -> Self {
        HELD_HERE.set(HELD_HERE.get() + 1);
        Self {
            owns_turn: false,
            not_send: PhantomData,
        }
    }
}

impl Drop for SerialGuard {
    fn drop(&mut self) {
        HELD_HERE.set(HELD_HERE.get() - 1);
        if self.owns_turn {
            lock_turn().taken = false;
            TURN_FREED.notify_one();
        }
    }
}

/// True on a thread that runs inside a serial section (its own or lent by a runner).
pub(crate) fn holds_turn() -> bool {
    HELD_HERE.get() > 0
}

/// How many threads are blocked in [`serial`], waiting for their turn. They are the test
/// threads libtest started meanwhile; counts of OS threads leave them out.
pub(crate) fn threads_waiting_for_turn() -> usize {
    lock_turn().waiting
}

/// The turn's state is two plain values that no panic can leave half-changed, so a poisoned
/// lock is as good as a healthy one.
fn lock_turn() -> MutexGuard<'static, Turn> {
    TURN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The message of a probe that measures the whole process and was started outside a turn.
pub(crate) fn require_turn(probe: &str) {
    assert!(
        holds_turn(),
        "{probe} measures the whole process, and libtest runs the other tests of this binary \
         at the same time. Start it inside `run_paused`, `run_real_clock`, or while holding \
         `let _turn = course_testkit::serial();`."
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    #[test]
    fn checks_take_turns() {
        let inside = AtomicUsize::new(0);
        let overlapped = AtomicBool::new(false);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..20 {
                        let _turn = serial();
                        if inside.fetch_add(1, Ordering::SeqCst) > 0 {
                            overlapped.store(true, Ordering::SeqCst);
                        }
                        std::thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert!(!overlapped.load(Ordering::SeqCst));
    }

    #[test]
    fn a_panicking_check_does_not_block_the_next_one() {
        let failed = std::thread::spawn(|| {
            let _turn = serial();
            panic!("a failed assertion");
        })
        .join();
        assert!(failed.is_err());
        // Bounded by the other thread: if the turn were lost this would wait, then panic.
        let next = std::thread::spawn(|| {
            let _turn = serial();
            holds_turn()
        });
        assert!(next.join().unwrap());
    }

    #[test]
    fn taking_the_turn_twice_on_one_thread_does_not_deadlock() {
        let outer = serial();
        let inner = serial();
        assert!(holds_turn());
        drop(inner);
        assert!(holds_turn());
        drop(outer);
        assert!(!holds_turn());
    }

    #[test]
    fn a_process_probe_outside_a_turn_is_refused() {
        let refused = std::panic::catch_unwind(|| require_turn("CpuProbe::start"));
        let message = *refused.unwrap_err().downcast::<String>().unwrap();
        assert!(message.contains("serial()"), "{message}");
    }
}
