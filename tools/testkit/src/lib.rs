//! Test helpers shared by every listing, exercise and chapter of the course.
//!
//! - [`run_paused`]: runs an async check on tokio's paused clock, bounded in real time, so that
//!   a student's hang or deadlock fails with a message instead of a stuck `cargo test`.
//! - [`timed`]: measures a future in virtual time: on the paused clock, exactly.
//! - [`BlockingProbe`]: proves that code did not block the runtime's thread.
//! - [`Rendezvous`]: proves that several OS threads ran at the same time.
//! - [`check_recorded_output`] and [`recorded_output_test!`]: a listing's output matches the
//!   recorded one.

mod bounded;
mod probe;
mod recorded;
mod rendezvous;

pub use bounded::{REAL_TIME_LIMIT, run_paused, run_paused_within, timed};
pub use probe::BlockingProbe;
pub use recorded::{check_recorded_output, check_recorded_output_with_arguments};
pub use rendezvous::Rendezvous;

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
