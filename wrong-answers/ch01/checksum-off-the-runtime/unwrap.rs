//! Unwraps the result of `spawn_blocking`'s handle, so a panic in the checksum
//! panics again in the caller.
//!
//! kind: error-handling
//! caught-by: a_crashing_checksum_is_an_error_not_a_crash_or_a_zero

pub async fn checksum_in_background<F>(data: Vec<u8>, checksum: F) -> Result<u64, ChecksumCrashed>
where
    F: FnOnce(&[u8]) -> u64 + Send + 'static,
{
    Ok(tokio::task::spawn_blocking(move || checksum(&data))
        .await
        .unwrap())
}
