//! Turns a panic in the checksum into a checksum of 0 (`unwrap_or(0)`), as if
//! the upload had been checked.
//!
//! kind: error-handling
//! caught-by: a_crashing_checksum_is_an_error_not_a_crash_or_a_zero

pub async fn checksum_in_background<F>(data: Vec<u8>, checksum: F) -> Result<u64, ChecksumCrashed>
where
    F: FnOnce(&[u8]) -> u64 + Send + 'static,
{
    Ok(tokio::task::spawn_blocking(move || checksum(&data))
        .await
        .unwrap_or(0))
}
