//! # Exercise 1.3: keep CPU work off the runtime (solution)

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
    // The closure runs on a thread of tokio's blocking pool. Awaiting its handle
    // suspends this task, so the runtime's thread serves other tasks until the
    // checksum is done; a panic in the closure comes back as a JoinError.
    tokio::task::spawn_blocking(move || checksum(&data))
        .await
        .map_err(|_panicked| ChecksumCrashed)
}
