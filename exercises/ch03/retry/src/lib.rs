//! # Exercise 3.3: retry, with a fresh future per attempt
//!
//! A payment gateway sometimes answers "try again". Python code often retries with a
//! decorator that calls the coroutine function again on each attempt: a coroutine
//! object, like a Rust future, can be awaited only once. In Rust, the operation is a
//! closure that *makes* a future; each call is one attempt, and nothing runs until
//! that future is awaited.
//!
//! Write [`retry`]:
//! - each attempt calls `operation` once and awaits the future it returns;
//! - `attempts` counts every attempt, the first one included: 3 means one try and at
//!   most two retries. `0` means the same as `1`: `retry` always makes at least one
//!   attempt, since without one it has no result to return;
//! - after a failed attempt that leaves another to make, wait `pause` on tokio's
//!   clock (suspending the task, not blocking its thread), then make the next one;
//!   there is no pause after the last attempt, nor after a success;
//! - return the first `Ok` at once, or, when every attempt failed, the **last**
//!   error.
//!
//! Run `cargo xtask check ch03-retry` to see what the checks verify.

use std::future::Future;
use std::time::Duration;

/// Runs `operation` until it succeeds, at most `attempts` times (at least once, even
/// when `attempts` is 0), pausing `pause` between two attempts. Returns the first
/// `Ok`, or the last `Err`.
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
