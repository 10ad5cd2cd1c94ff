use std::collections::BTreeSet;

/// How often the OS took a thread off the CPU, from its `status` file (Linux): to sleep
/// (voluntary), or to let another thread run (involuntary).
///
/// A thread that sleeps until it is woken is switched out once or twice while it waits. One
/// that spins, yields or sleeps in slices is switched out again and again on a busy machine,
/// where [`crate::CpuProbe`] may see little CPU time (the spinner gets few turns): use both.
/// Read it before and after the wait, and compare the totals. `None` where the OS does not
/// tell: assertions on it are then skipped.
///
/// ```
/// use course_testkit::Switches;
///
/// let before = Switches::of_this_thread();
/// std::thread::sleep(std::time::Duration::from_millis(20));
/// if let Some(switched) = Switches::between(before, Switches::of_this_thread()) {
///     assert!(switched >= 1, "a sleep takes the thread off the CPU");
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switches {
    pub voluntary: u64,
    pub involuntary: u64,
}

impl Switches {
    /// The calling thread's switches.
    pub fn of_this_thread() -> Option<Self> {
        Self::read("/proc/thread-self/status")
    }

    /// The switches of the thread with this OS id (see [`os_thread_ids`]).
    pub fn of_thread(id: u64) -> Option<Self> {
        Self::read(&format!("/proc/self/task/{id}/status"))
    }

    /// Voluntary and involuntary switches together.
    pub fn total(&self) -> u64 {
        self.voluntary + self.involuntary
    }

    /// How many times the thread was switched out from `before` to `after`, when both are
    /// known.
    pub fn between(before: Option<Self>, after: Option<Self>) -> Option<u64> {
        let (before, after) = before.zip(after)?;
        Some(after.total().saturating_sub(before.total()))
    }

    fn read(status_file: &str) -> Option<Self> {
        let status = std::fs::read_to_string(status_file).ok()?;
        let field = |name: &str| -> Option<u64> {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))?
                .trim()
                .parse()
                .ok()
        };
        Some(Self {
            voluntary: field("voluntary_ctxt_switches:")?,
            involuntary: field("nonvoluntary_ctxt_switches:")?,
        })
    }
}

/// The OS ids of this process's threads (Linux `/proc/self/task`), or `None` where the OS does
/// not list them. Unlike a count, ids tell a new thread from an old one, even when each thread
/// ends before the next one starts.
pub fn os_thread_ids() -> Option<BTreeSet<u64>> {
    let tasks = std::fs::read_dir("/proc/self/task").ok()?;
    Some(
        tasks
            .filter_map(|task| task.ok()?.file_name().to_str()?.parse().ok())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn a_sleeping_thread_is_switched_out_a_few_times_a_yielding_one_many() {
        // Threads of this test must not disturb the thread counts of other tests.
        let _turn = crate::serial();
        let Some(_) = Switches::of_this_thread() else {
            return; // not Linux
        };
        let sleeper = std::thread::spawn(|| {
            let before = Switches::of_this_thread();
            std::thread::sleep(Duration::from_millis(100));
            Switches::between(before, Switches::of_this_thread()).unwrap()
        });
        assert!(sleeper.join().unwrap() <= 3);
        let yielder = std::thread::spawn(|| {
            let before = Switches::of_this_thread();
            let start = Instant::now();
            while start.elapsed() < Duration::from_millis(100) {
                std::thread::sleep(Duration::from_millis(1));
            }
            Switches::between(before, Switches::of_this_thread()).unwrap()
        });
        assert!(yielder.join().unwrap() >= 20);
    }

    #[test]
    fn a_new_thread_has_a_new_id() {
        let _turn = crate::serial();
        let Some(before) = os_thread_ids() else {
            return; // not Linux
        };
        let started = std::sync::Barrier::new(2);
        let finish = std::sync::Barrier::new(2);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                started.wait();
                finish.wait();
            });
            started.wait();
            let now = os_thread_ids().unwrap();
            finish.wait();
            assert_eq!(now.difference(&before).count(), 1);
        });
    }
}
