//! # Exercise 1.3: keep CPU work off the runtime
//!
//! An upload service computes a checksum of each file it receives. The checksum is
//! pure CPU work: while it runs on the thread that polls the tasks, no other task
//! can use that thread. asyncio has the same problem, solved with
//! `loop.run_in_executor`.
//!
//! Write [`checksum_in_background`]: compute `checksum(&data)` on a thread other
//! than the runtime's, so that other tasks keep running meanwhile, and return its
//! result.
//!
//! - It must work on a single-threaded runtime (`flavor = "current_thread"`, like
//!   asyncio's one event loop): the checks use one.
//! - Wait for the result by awaiting it. Blocking the runtime's thread until the
//!   checksum is done (joining a `std::thread`, a std channel's `recv`) stops the
//!   other tasks as surely as computing on it; asking again and again whether it
//!   is done keeps the runtime busy for nothing.
//! - If `checksum` panics, return `Err(ChecksumCrashed)`: neither crash the caller
//!   nor pretend the checksum is 0.
//! - An empty upload has a checksum too: whatever `checksum` gives for no bytes.
//!
//! `tokio::task::spawn_blocking` is introduced in the book's section "One task and
//! its result: `JoinHandle`" (chapter 1, "What a thread costs, what a task costs"),
//! with what it costs. Run `cargo xtask check ch01-checksum-off-the-runtime` to see
//! what the checks verify.

use std::fmt;

/// The checksum function panicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChecksumCrashed;

impl fmt::Display for ChecksumCrashed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the checksum function panicked")
    }
}

impl std::error::Error for ChecksumCrashed {}

/// Runs `checksum(&data)` on another thread than the runtime's, without blocking
/// the runtime while it waits; a panic in `checksum` becomes `Err(ChecksumCrashed)`.
pub async fn checksum_in_background<F>(
    data: Vec<u8>,
    checksum: F,
) -> Result<u64, ChecksumCrashed>
where
    F: FnOnce(&[u8]) -> u64 + Send + 'static,
{
    // TODO: run the checksum where it cannot block the runtime, await its result,
    // and turn a panic into Err(ChecksumCrashed).
    let _ = (data, checksum);
    todo!("compute the checksum without blocking the runtime")
}
