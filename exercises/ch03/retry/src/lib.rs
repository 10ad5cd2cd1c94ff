//! # Exercise 3.3: retry, with a fresh future per attempt
//!
//! A payment gateway sometimes answers "try again". Python code often retries with a
//! decorator that calls the coroutine function again on each attempt: a coroutine
//! object, like a Rust future, can be awaited only once. In Rust, the operation is a
//! closure that *makes* a future; each call is one attempt, and nothing runs until
//! that future is awaited.
//!
//! Write [`retry`]: call `operation` up to `attempts` times, waiting `pause` between
//! two attempts (not after the last one), and return the first success or the
//! **last** error.
//!
//! The checks (`cargo test -p ch03-retry`) run on tokio's paused clock and verify:
//! - a first success is returned at once, after one attempt;
//! - two failures then a success take 3 attempts and exactly 2 pauses (2 × 500 ms);
//! - when every attempt fails, the last error comes back after `attempts` attempts
//!   and `attempts - 1` pauses: no pause after the last attempt, no panic, and not
//!   the first error;
//! - the pauses let other tasks run (a `std::thread::sleep` does not move tokio's
//!   clock).

use std::future::Future;
use std::time::Duration;

/// Runs `operation` until it succeeds, at most `attempts` times (at least once),
/// pausing `pause` between attempts. Returns the first `Ok`, or the last `Err`.
pub async fn retry<T, E, Attempt, MakeAttempt>(
    attempts: u32,
    pause: Duration,
    mut operation: MakeAttempt,
) -> Result<T, E>
where
    MakeAttempt: FnMut() -> Attempt,
    Attempt: Future<Output = Result<T, E>>,
{
    // TODO: loop over the attempts; each one calls `operation()` and awaits its
    // future.
    let _ = (attempts, pause, &mut operation);
    todo!("retry with a fresh future per attempt")
}
