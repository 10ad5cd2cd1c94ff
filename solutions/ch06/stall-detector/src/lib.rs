//! # Solution to exercise 6.3: a heartbeat that measures stalls
//!
//! asyncio has a debug mode that logs every callback running longer than
//! `loop.slow_callback_duration` (0.1 s by default). tokio has no such switch, but
//! a task can measure the same thing from outside: ask to be woken at a given
//! time, and see how late the runtime actually woke it. A late wake-up means the
//! thread was busy with something that did not reach an `.await`.
//!
//! Write [`worst_stall`]: a heartbeat of `beats` beats, and the worst lateness
//! among them.
//! - The first beat is due `period` after the call; each next beat is due
//!   `period` after the previous beat *actually woke*, so that a long stall is
//!   counted once, not once for every beat it swallowed.
//! - A beat's lateness is how long after its due time it woke (zero if on time).
//! - Return the largest lateness once the last beat has woken; `beats == 0`
//!   returns `Duration::ZERO` at once.
//! - Wait with tokio's timer (use `tokio::time::Instant`, which the tests can
//!   pause), never by checking the time in a loop or by blocking the thread.
//!
//! `period` is between 1 ms and one hour.
//!
//! Run `cargo xtask check ch06-stall-detector` to see what the checks verify.

use std::time::Duration;
use tokio::time::Instant;

/// Beats `beats` times, `period` apart, and returns the latest any beat woke.
pub async fn worst_stall(period: Duration, beats: u32) -> Duration {
    let mut worst = Duration::ZERO;
    let mut due = Instant::now() + period;
    for _ in 0..beats {
        tokio::time::sleep_until(due).await;
        let woke = Instant::now();
        worst = worst.max(woke.saturating_duration_since(due));
        // From when it woke, not from when it was due: a stall is counted once.
        due = woke + period;
    }
    worst
}
