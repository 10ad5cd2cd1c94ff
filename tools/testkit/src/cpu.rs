use crate::serial::require_turn;
use std::thread::ThreadId;
use std::time::{Duration, Instant};

/// Proves that code waits without keeping a core busy, by comparing the CPU time used while
/// it waited with the real time that passed.
///
/// A thread that loops on `yield_now`, `try_recv` or the clock burns a core for as long as
/// it waits; one that sleeps, parks or awaits its waker uses almost none. The probe reads the
/// OS's CPU clock (user and system time) at [`CpuProbe::start`] and again at
/// [`CpuProbe::assert_mostly_idle`]:
///
/// ```
/// use course_testkit::{CpuProbe, run_real_clock};
/// use std::time::Duration;
///
/// run_real_clock(|| async {
///     let cpu = CpuProbe::start();
///     tokio::time::sleep(Duration::from_millis(150)).await;
///     cpu.assert_mostly_idle("tokio::time::sleep");
/// });
/// ```
///
/// The wait must take real time, at least [`CpuProbe::SHORTEST_WATCH`]: on the paused clock
/// tokio's timers take none, so watch a wait on the real clock ([`crate::run_real_clock`]) or
/// on real threads.
///
/// [`CpuProbe::start`] counts every thread of the process (helper threads included), so it
/// must run inside a check's turn (see [`crate::serial`]); [`CpuProbe::start_on_this_thread`]
/// counts only the calling thread and needs no turn. CPU clocks are read on Linux and macOS;
/// elsewhere [`CpuProbe::used`] is `None` and the assertion is skipped with a note.
pub struct CpuProbe {
    scope: Scope,
    cpu_at_start: Option<Duration>,
    real_start: Instant,
}

#[derive(Clone, Copy)]
enum Scope {
    Process,
    Thread(ThreadId),
}

impl CpuProbe {
    /// The shortest real time over which the probe gives a verdict: below it, the fixed
    /// costs of starting threads and runtimes weigh as much as a busy loop would.
    pub const SHORTEST_WATCH: Duration = Duration::from_millis(100);

    /// CPU time any code may use while it waits, whatever the length of the wait: thread
    /// start-ups, allocations, a few polls.
    pub const ALLOWANCE: Duration = Duration::from_millis(10);

    /// Starts measuring the CPU time of the whole process.
    ///
    /// # Panics
    /// Outside a serial section: another test of the binary would add its CPU time.
    pub fn start() -> Self {
        require_turn("CpuProbe::start");
        Self::new(Scope::Process)
    }

    /// Starts measuring the CPU time of the calling thread only (for example the runtime's
    /// thread, from inside an async check). Needs no serial section.
    pub fn start_on_this_thread() -> Self {
        Self::new(Scope::Thread(std::thread::current().id()))
    }

    fn new(scope: Scope) -> Self {
        Self {
            scope,
            cpu_at_start: cpu_clock(scope),
            real_start: Instant::now(),
        }
    }

    /// The CPU time (user and system) used since the start, or `None` where the OS's CPU
    /// clocks cannot be read.
    ///
    /// # Panics
    /// For a probe made by [`Self::start_on_this_thread`], when called on another thread.
    pub fn used(&self) -> Option<Duration> {
        if let Scope::Thread(started_on) = self.scope {
            assert_eq!(
                started_on,
                std::thread::current().id(),
                "a CpuProbe made by start_on_this_thread must be read on the same thread"
            );
        }
        Some(cpu_clock(self.scope)?.saturating_sub(self.cpu_at_start?))
    }

    /// The real time that passed since the start.
    pub fn elapsed(&self) -> Duration {
        self.real_start.elapsed()
    }

    /// Asserts that the CPU time used since the start is at most an eighth of the real time
    /// that passed, plus [`Self::ALLOWANCE`]. `what` names the code that waited, for the
    /// message.
    ///
    /// The margins are wide on both sides. Code that waits properly uses a tiny fraction of
    /// the real time (thread start-ups, a few polls). A busy loop uses all the time the OS
    /// gives it: a whole core on an idle machine, and more than an eighth of one as long as
    /// fewer than eight busy threads share each core with it.
    ///
    /// # Panics
    /// When the code was busy; also when less than [`Self::SHORTEST_WATCH`] of real time
    /// passed, which is a mistake in the check (make it wait longer).
    #[track_caller]
    pub fn assert_mostly_idle(&self, what: &str) {
        let used = self.used();
        let elapsed = self.elapsed();
        assert!(
            elapsed >= Self::SHORTEST_WATCH,
            "CpuProbe watched {what} for only {elapsed:?}: CPU time says nothing over less than \
             {:?}. Make the check wait longer.",
            Self::SHORTEST_WATCH
        );
        let Some(used) = used else {
            eprintln!(
                "note: this OS's CPU clocks cannot be read without unsafe code; the check that \
                 {what} waits without a busy loop was skipped."
            );
            return;
        };
        let whose = match self.scope {
            Scope::Process => "the process",
            Scope::Thread(_) => "the thread",
        };
        assert!(
            used <= elapsed / 8 + Self::ALLOWANCE,
            "{what} kept a core busy while it waited: {whose} used {used:?} of CPU time in \
             {elapsed:?}. Waiting code must sleep until something wakes it (await the channel \
             or the timer, park the thread, return Poll::Pending after storing the waker) \
             instead of checking again in a loop (yield_now, try_recv, reading the clock, \
             waking itself)."
        );
    }
}

/// Reads the CPU clock of the whole process or of the calling thread.
#[cfg(any(target_os = "linux", target_vendor = "apple"))]
fn cpu_clock(scope: Scope) -> Option<Duration> {
    use rustix::time::{ClockId, clock_gettime};
    let clock = match scope {
        Scope::Process => ClockId::ProcessCPUTime,
        Scope::Thread(_) => ClockId::ThreadCPUTime,
    };
    Duration::try_from(clock_gettime(clock)).ok()
}

#[cfg(not(any(target_os = "linux", target_vendor = "apple")))]
fn cpu_clock(_scope: Scope) -> Option<Duration> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serial;

    /// Long enough for a verdict, short enough for a quick test.
    const WATCH: Duration = Duration::from_millis(200);

    fn message_of(failure: Box<dyn std::any::Any + Send>) -> String {
        *failure.downcast::<String>().unwrap()
    }

    #[test]
    fn a_sleeping_thread_is_idle() {
        let _turn = serial();
        let cpu = CpuProbe::start();
        std::thread::spawn(|| std::thread::sleep(WATCH))
            .join()
            .unwrap();
        cpu.assert_mostly_idle("a sleeping thread");
    }

    /// Spins on the calling thread until it has used `amount` of CPU time (or, where CPU
    /// clocks cannot be read, of real time): a stand-in for a busy wait that does not depend
    /// on how loaded the machine is.
    fn spin_for_cpu(amount: Duration) {
        let own_cpu = CpuProbe::start_on_this_thread();
        let give_up = Instant::now() + Duration::from_secs(10);
        while own_cpu.used().unwrap_or_else(|| own_cpu.elapsed()) < amount
            && Instant::now() < give_up
        {
            std::hint::spin_loop();
        }
    }

    #[test]
    fn a_spinning_helper_thread_is_busy() {
        let _turn = serial();
        let cpu = CpuProbe::start();
        std::thread::spawn(|| spin_for_cpu(WATCH)).join().unwrap();
        if cpu.used().is_none() {
            return; // Nothing to prove where CPU clocks cannot be read.
        }
        let busy = std::panic::catch_unwind(|| cpu.assert_mostly_idle("the spinning timer"));
        let message = message_of(busy.unwrap_err());
        assert!(
            message.contains("the spinning timer kept a core busy"),
            "{message}"
        );
    }

    #[test]
    fn the_thread_probe_sees_only_its_thread() {
        let _turn = serial(); // The spinning would disturb the process probes' tests.
        let cpu = CpuProbe::start_on_this_thread();
        std::thread::spawn(|| spin_for_cpu(WATCH)).join().unwrap();
        cpu.assert_mostly_idle("a thread waiting for a spinning one");
    }

    #[test]
    fn the_thread_probe_sees_its_thread_spin() {
        let _turn = serial();
        let cpu = CpuProbe::start_on_this_thread();
        spin_for_cpu(WATCH);
        if cpu.used().is_none() {
            return;
        }
        let busy = std::panic::catch_unwind(|| cpu.assert_mostly_idle("a yield_now loop"));
        assert!(message_of(busy.unwrap_err()).contains("kept a core busy"));
    }

    #[test]
    fn a_watch_too_short_is_a_mistake_in_the_check() {
        let _turn = crate::serial();
        let cpu = CpuProbe::start_on_this_thread();
        let refused = std::panic::catch_unwind(|| cpu.assert_mostly_idle("a timer"));
        assert!(message_of(refused.unwrap_err()).contains("Make the check wait longer"));
    }

    #[test]
    fn the_process_probe_needs_a_turn() {
        let refused = std::panic::catch_unwind(CpuProbe::start);
        assert!(message_of(refused.err().unwrap()).contains("serial()"));
    }
}
