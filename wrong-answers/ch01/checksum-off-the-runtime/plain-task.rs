//! Runs the checksum in a task started with `tokio::spawn`, which runs on the
//! runtime's threads like every task: on a single-threaded runtime, on the only one.
//!
//! kind: blocking
//! caught-by: other_tasks_keep_running_while_the_checksum_runs

pub async fn checksum_in_background<F>(data: Vec<u8>, checksum: F) -> Result<u64, ChecksumCrashed>
where
    F: FnOnce(&[u8]) -> u64 + Send + 'static,
{
    tokio::spawn(async move { checksum(&data) })
        .await
        .map_err(|_| ChecksumCrashed)
}
