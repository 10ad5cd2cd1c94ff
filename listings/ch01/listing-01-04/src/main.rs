//! Listing 1-4: ten thousand waits, one thread. Each task waits one second (as a
//! network call would); they all wait at the same time, so the program takes one
//! second, not 10,000.

use std::time::Duration;
use tokio::task::JoinSet;

// ANCHOR: waits
/// Starts `count` tasks that each wait one second, and waits for all of them.
async fn wait_everywhere(count: usize) -> usize {
    let mut tasks = JoinSet::new();
    for request in 0..count {
        tasks.spawn(async move {
            tokio::time::sleep(Duration::from_secs(1)).await;
            request
        });
    }
    tasks.join_all().await.len()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = tokio::time::Instant::now();
    let finished = wait_everywhere(10_000).await;
    println!("{finished} tasks waited 1 s each, on one thread");
    println!("all done after {:.2?}", start.elapsed());
}
// ANCHOR_END: waits

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: proof
    /// On tokio's paused clock, time only moves when every task is waiting, and then
    /// jumps straight to the next timer: the test checks the exact duration and runs
    /// instantly.
    #[tokio::test(start_paused = true)]
    async fn ten_thousand_waits_take_one_second_not_ten_thousand() {
        let start = tokio::time::Instant::now();
        assert_eq!(wait_everywhere(10_000).await, 10_000);
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }
    // ANCHOR_END: proof
}
