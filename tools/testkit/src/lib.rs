//! Test helpers shared by every listing, exercise and chapter of the course.
//!
//! Running a check:
//! - [`run_paused`]: runs an async check on tokio's paused clock, bounded in real time, so that
//!   a student's hang or deadlock fails with a message instead of a stuck `cargo test`.
//! - [`run_real_clock`]: the same on the real clock, to prove that an answer does not fake its
//!   waits by moving tokio's clock by hand.
//! - [`serial`]: the turn that keeps the checks of one test binary from overlapping; the
//!   runners take it, sync checks that measure the process take it themselves.
//! - [`timed`]: measures a future in virtual time: on the paused clock, exactly.
//!
//! Proving a promise of the code under test:
//! - [`count_polls`]: it waits for its waker instead of polling itself in a loop.
//! - [`CpuProbe`]: it waits without keeping a core busy (threads included).
//! - [`BlockingProbe`]: a blocking call did not run on the runtime's thread.
//! - [`Rendezvous`]: `n` OS threads ran at the same time, and no more than `n` ran the work.
//! - [`ThreadCensus`]: at most `n` threads ran some code, at most `m` runs at once.
//! - [`live_tasks`] and [`assert_no_tasks_left`]: no task outlives the function that spawned
//!   it.
//! - [`OsThreads`]: it started at most `k` OS threads, and they ended; [`os_thread_ids`]
//!   tells which threads are new.
//! - [`Switches`]: a thread slept until it was woken, instead of coming back again and again
//!   (a spinner on a busy machine gets little CPU time, but many switches).
//! - [`catching_panics`]: a panic in the code under test becomes a value a check can explain.
//! - [`check_recorded_output`] and [`recorded_output_test!`]: a listing's output matches the
//!   recorded one.

mod bounded;
mod census;
mod cpu;
mod panics;
mod polls;
mod probe;
mod recorded;
mod rendezvous;
mod serial;
mod switches;
mod tasks;
mod threads;

pub use bounded::{
    REAL_TIME_LIMIT, run_paused, run_paused_within, run_real_clock, run_real_clock_within, timed,
};
pub use census::{ThreadCensus, Visit};
pub use cpu::CpuProbe;
pub use panics::catching_panics;
pub use polls::{CountPolls, PollCounter, count_polls};
pub use probe::BlockingProbe;
pub use recorded::{check_recorded_output, check_recorded_output_with_arguments};
pub use rendezvous::Rendezvous;
pub use serial::{SERIAL_PATIENCE, SerialGuard, serial};
pub use switches::{Switches, os_thread_ids};
pub use tasks::{assert_no_tasks_left, live_tasks};
pub use threads::{OsThreads, os_thread_count};

/// Declares the test that runs this package's binary and compares its output with
/// `output.txt` (and `recorded-run.txt`, when the listing has one). A listing's
/// `tests/output.rs` is this one line.
///
/// `recorded_output_test!(arguments = ["1000"])` runs the program with those arguments
/// instead of the recorded command's: for a recorded run too heavy for `cargo test`.
#[macro_export]
macro_rules! recorded_output_test {
    () => {
        #[test]
        fn output_matches_the_recorded_one() {
            $crate::check_recorded_output(
                env!(concat!("CARGO_BIN_EXE_", env!("CARGO_PKG_NAME"))),
                env!("CARGO_MANIFEST_DIR"),
            );
        }
    };
    (arguments = [$($argument:expr),* $(,)?]) => {
        #[test]
        fn output_matches_the_recorded_one() {
            $crate::check_recorded_output_with_arguments(
                env!(concat!("CARGO_BIN_EXE_", env!("CARGO_PKG_NAME"))),
                env!("CARGO_MANIFEST_DIR"),
                &[$($argument),*],
            );
        }
    };
}
