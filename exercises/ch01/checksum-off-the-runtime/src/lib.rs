//! # Exercise 1.3: keep CPU work off the runtime
//!
//! An upload service computes a checksum of each file it receives. The checksum is
//! pure CPU work: while it runs on one of the runtime's threads, no other task can
//! use that thread. asyncio has the same problem, solved with
//! `loop.run_in_executor`; tokio's answer is `tokio::task::spawn_blocking`.
//!
//! Write [`checksum_in_background`]: compute `checksum(&data)` on a thread where it
//! cannot stall other tasks, and return its result. If `checksum` panics, return
//! `Err(ChecksumCrashed)` instead of crashing the caller (or pretending the checksum
//! is 0).
//!
//! The checks (`cargo test -p ch01-checksum-off-the-runtime`) verify:
//! - the checksum is returned;
//! - while the checksum runs, another task on the same single-threaded runtime still
//!   runs;
//! - a panicking checksum comes back as `Err(ChecksumCrashed)`.

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

/// Runs `checksum(&data)` without blocking the async runtime.
pub async fn checksum_in_background<F>(
    data: Vec<u8>,
    checksum: F,
) -> Result<u64, ChecksumCrashed>
where
    F: FnOnce(&[u8]) -> u64 + Send + 'static,
{
    // TODO: run the checksum where it cannot block the runtime, and turn a panic
    // into Err(ChecksumCrashed).
    let _ = (data, checksum);
    todo!("compute the checksum without blocking the runtime")
}
