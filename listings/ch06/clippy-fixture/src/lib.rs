//! A handler that waits the Python way, twice.

use std::time::Duration;

pub async fn price_of(product: &str) -> std::io::Result<String> {
    std::thread::sleep(Duration::from_millis(50)); // a back-off before retrying
    std::fs::read_to_string(format!("prices/{product}.txt"))
}
