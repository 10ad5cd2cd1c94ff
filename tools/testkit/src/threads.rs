use crate::serial::{require_turn, threads_waiting_for_turn};
use std::time::{Duration, Instant};

/// Proves how many OS threads a piece of code started, and that they ended.
///
/// [`OsThreads::start`] counts the threads of the process; the assertions count again and
/// compare. Threads take a moment to appear in the count and to leave it, so each assertion
/// reads the count several times over a few milliseconds, and
/// [`OsThreads::assert_all_ended`] waits for up to [`OsThreads::PATIENCE`] for threads that
/// are ending. Sample while the threads under test are alive (for example while the timers
/// they serve are still pending): a thread that already ended is not counted.
///
/// ```
/// use course_testkit::{OsThreads, serial};
/// use std::sync::mpsc;
///
/// let _turn = serial();
/// let threads = OsThreads::start();
/// let (stop, stopped) = mpsc::channel::<()>();
/// let helper = std::thread::spawn(move || stopped.recv());
/// threads.assert_at_most_started(1, "the helper");
/// drop(stop);
/// helper.join().unwrap().unwrap_err();
/// threads.assert_all_ended("the helper");
/// ```
///
/// tokio keeps a `spawn_blocking` thread alive for 10 s after its work, to reuse it: inside a
/// runner such threads count as started and have not ended. The runners shut their runtime
/// down before they return, so check that they ended after the runner.
///
/// Counts come from `/proc/self/status` on Linux. On other OSes [`OsThreads::started`] is
/// `None` and the assertions are skipped with a note. A test's count includes the threads of
/// every test that runs meanwhile, so the probe must be started inside a check's turn (see
/// [`crate::serial`]); test threads that wait for their turn are left out of the count.
pub struct OsThreads {
    baseline: Option<usize>,
}

impl OsThreads {
    /// How long [`Self::assert_all_ended`] waits for threads to end.
    pub const PATIENCE: Duration = Duration::from_secs(5);

    /// How long each count watches for threads that are appearing or leaving.
    const SETTLE: Duration = Duration::from_millis(5);

    /// Counts the threads running now.
    ///
    /// # Panics
    /// Outside a serial section: another test of the binary could start threads.
    pub fn start() -> Self {
        require_turn("OsThreads::start");
        Self {
            baseline: settled_count(),
        }
    }

    /// How many more threads run now than at the start (never less than zero), or `None`
    /// where the OS's thread count is not known.
    pub fn started(&self) -> Option<usize> {
        Some(settled_count()?.saturating_sub(self.baseline?))
    }

    /// Asserts that at most `max` threads run now besides those at the start. `what` names
    /// the code that started them, for the message.
    #[track_caller]
    pub fn assert_at_most_started(&self, max: usize, what: &str) {
        let Some(started) = self.started() else {
            return skipped(what);
        };
        assert!(
            started <= max,
            "{what} started {started} OS threads that are still running; at most {max} \
             should be. Threads are not free (each has its own stack and is scheduled by \
             the OS): share one thread between the pieces of work, or let them wait as async \
             tasks on the runtime's threads."
        );
    }

    /// Asserts that every thread started since the start has ended, waiting up to
    /// [`Self::PATIENCE`] for them to finish. `what` names the code that started them.
    #[track_caller]
    pub fn assert_all_ended(&self, what: &str) {
        self.assert_all_ended_within(Self::PATIENCE, what);
    }

    /// [`Self::assert_all_ended`] with another patience: for the tests of this crate, which
    /// wait in vain on purpose.
    #[track_caller]
    pub(crate) fn assert_all_ended_within(&self, patience: Duration, what: &str) {
        let deadline = Instant::now() + patience;
        loop {
            let Some(started) = self.started() else {
                return skipped(what);
            };
            if started == 0 {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{started} OS thread(s) started by {what} were still running {patience:?} \
                 after it finished. A thread nobody stops runs until the process exits: make \
                 the thread end when its work is done or its owner is dropped (a channel whose \
                 sender is dropped, a stop flag it checks when woken), and join it."
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

fn skipped(what: &str) {
    eprintln!(
        "note: this OS does not show its thread count; the check of the threads that {what} started was skipped."
    );
}

/// The number of threads in the process, leaving out test threads that wait for their turn,
/// as the lowest of several readings over [`OsThreads::SETTLE`]: a thread that is appearing
/// or leaving at the first reading is settled by the last.
fn settled_count() -> Option<usize> {
    let deadline = Instant::now() + OsThreads::SETTLE;
    let mut lowest = usize::MAX;
    loop {
        let count = os_thread_count()?.saturating_sub(threads_waiting_for_turn());
        lowest = lowest.min(count);
        if Instant::now() >= deadline {
            return Some(lowest);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The number of OS threads of this process, on Linux; `None` elsewhere.
pub fn os_thread_count() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("Threads:"))?
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{run_paused, serial};
    use std::sync::mpsc;

    fn message_of(failure: Box<dyn std::any::Any + Send>) -> String {
        *failure.downcast::<String>().unwrap()
    }

    /// Starts `count` threads that run until the returned sender is dropped.
    fn park_threads(count: usize) -> (mpsc::Sender<()>, Vec<std::thread::JoinHandle<()>>) {
        let (stop, stopped) = mpsc::channel::<()>();
        let stopped = std::sync::Arc::new(std::sync::Mutex::new(stopped));
        let handles = (0..count)
            .map(|_| {
                let stopped = stopped.clone();
                std::thread::spawn(move || {
                    let _ = stopped.lock().unwrap().recv();
                })
            })
            .collect();
        (stop, handles)
    }

    #[test]
    fn the_count_is_read_where_the_os_shows_it() {
        let _turn = crate::serial();
        if cfg!(target_os = "linux") {
            assert!(os_thread_count().unwrap() >= 1);
        }
    }

    #[test]
    fn threads_within_the_limit_pass_and_end() {
        let _turn = serial();
        let threads = OsThreads::start();
        let (stop, handles) = park_threads(2);
        threads.assert_at_most_started(2, "two timers");
        drop(stop);
        for handle in handles {
            handle.join().unwrap();
        }
        threads.assert_all_ended("two timers");
    }

    #[test]
    fn a_thread_per_timer_is_too_many() {
        let _turn = serial();
        let threads = OsThreads::start();
        let (stop, handles) = park_threads(5);
        let failure = std::panic::catch_unwind(|| threads.assert_at_most_started(1, "five timers"));
        drop(stop);
        for handle in handles {
            handle.join().unwrap();
        }
        if threads.started().is_none() {
            return; // Nothing to prove where the count is not known.
        }
        let message = message_of(failure.unwrap_err());
        // At least the five: a thread libtest starts for another test meanwhile may be
        // counted too (the grader runs each check in a process of its own).
        assert!(
            message.contains("five timers started") && !message.contains("started 0 "),
            "{message}"
        );
    }

    #[test]
    fn a_thread_left_running_is_caught() {
        let _turn = serial();
        let threads = OsThreads::start();
        let (stop, handles) = park_threads(1);
        let failure = std::panic::catch_unwind(|| {
            threads.assert_all_ended_within(Duration::from_millis(200), "Timer::drop")
        });
        drop(stop);
        for handle in handles {
            handle.join().unwrap();
        }
        if threads.started().is_none() {
            return;
        }
        let message = message_of(failure.unwrap_err());
        assert!(
            message.contains("OS thread(s) started by Timer::drop"),
            "{message}"
        );
    }

    #[test]
    fn a_runner_leaves_no_thread_behind() {
        let _turn = serial();
        // The blocking pool's thread, by its OS id: other tests' threads cannot blur it.
        let pool_thread = run_paused(|| async {
            tokio::task::spawn_blocking(|| {
                std::fs::read_link("/proc/thread-self")
                    .ok()
                    .and_then(|link| link.file_name()?.to_str()?.parse::<u64>().ok())
            })
            .await
            .unwrap()
        });
        let Some(pool_thread) = pool_thread else {
            return; // not Linux
        };
        let deadline = Instant::now() + OsThreads::PATIENCE;
        while crate::os_thread_ids().is_some_and(|ids| ids.contains(&pool_thread)) {
            assert!(
                Instant::now() < deadline,
                "the blocking pool's thread was still running {:?} after run_paused returned",
                OsThreads::PATIENCE
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn the_probe_needs_a_turn() {
        let refused = std::panic::catch_unwind(OsThreads::start);
        assert!(message_of(refused.err().unwrap()).contains("serial()"));
    }
}
