//! Runs the checksum on a `std::thread` and waits for it by asking whether it has
//! finished, with a `yield_now` between the questions.
//!
//! kind: busy-wait
//! caught-by: waits_for_the_checksum_without_polling_in_a_loop

pub async fn checksum_in_background<F>(data: Vec<u8>, checksum: F) -> Result<u64, ChecksumCrashed>
where
    F: FnOnce(&[u8]) -> u64 + Send + 'static,
{
    let worker = std::thread::spawn(move || checksum(&data));
    while !worker.is_finished() {
        tokio::task::yield_now().await;
    }
    worker.join().map_err(|_| ChecksumCrashed)
}
