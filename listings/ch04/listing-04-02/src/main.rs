//! Listing 4-2: runs the two ways of joining fallible fetches from `src/lib.rs`, and
//! counts the fetches that ran to their end.

use listing_04_02::{Progress, fetch_all_as_values, fetch_all_or_first_error};
use std::sync::atomic::Ordering;
use std::time::Duration;

#[tokio::main]
async fn main() {
    // ANCHOR: main
    let progress = Progress::default();
    for result in fetch_all_as_values(&progress).await {
        println!("as values: {result:?}");
    }
    println!(
        "as values: {} fetches finished",
        progress.finished.load(Ordering::SeqCst)
    );

    let progress = Progress::default();
    println!("try_join!: {:?}", fetch_all_or_first_error(&progress).await);
    // Give the other fetches (600 ms and 900 ms) more than enough time: nothing is
    // left to finish them.
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!(
        "try_join!: {} fetch finished",
        progress.finished.load(Ordering::SeqCst)
    );
    // ANCHOR_END: main
}
