//! Runs the checksum on a `std::thread` of its own, then waits for it with
//! `join()`, which blocks the runtime's thread until the checksum is done.
//!
//! kind: blocking
//! caught-by: other_tasks_keep_running_while_the_checksum_runs

pub async fn checksum_in_background<F>(data: Vec<u8>, checksum: F) -> Result<u64, ChecksumCrashed>
where
    F: FnOnce(&[u8]) -> u64 + Send + 'static,
{
    std::thread::spawn(move || checksum(&data))
        .join()
        .map_err(|_| ChecksumCrashed)
}
