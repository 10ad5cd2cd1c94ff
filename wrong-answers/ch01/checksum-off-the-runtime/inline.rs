//! Computes the checksum right there, on the runtime's thread.
//!
//! kind: blocking
//! caught-by: other_tasks_keep_running_while_the_checksum_runs

pub async fn checksum_in_background<F>(data: Vec<u8>, checksum: F) -> Result<u64, ChecksumCrashed>
where
    F: FnOnce(&[u8]) -> u64 + Send + 'static,
{
    Ok(checksum(&data))
}
