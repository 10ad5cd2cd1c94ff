//! Listing 4-1: `asyncio.gather` in Rust. `tokio::join!` and
//! `futures::future::join_all` run futures concurrently inside the task that awaits
//! them, and return the results in the order the futures were given, whatever order
//! they finish in.

use std::time::Duration;

// ANCHOR: fetch
/// Stands in for an HTTP call that answers after `latency`.
async fn fetch(url: &str, latency: Duration) -> String {
    tokio::time::sleep(latency).await;
    format!("data from {url}")
}

const SECOND: Duration = Duration::from_secs(1);
// ANCHOR_END: fetch

// ANCHOR: sequential
/// One await after another, like calling the article's `fetch_sync` three times.
async fn fetch_one_by_one() -> Vec<String> {
    vec![
        fetch("https://api1.example.com", SECOND).await,
        fetch("https://api2.example.com", SECOND).await,
        fetch("https://api3.example.com", SECOND).await,
    ]
}
// ANCHOR_END: sequential

// ANCHOR: join
/// The three fetches at the same time, like `await asyncio.gather(...)`.
async fn fetch_together() -> Vec<String> {
    let (first, second, third) = tokio::join!(
        fetch("https://api1.example.com", SECOND),
        fetch("https://api2.example.com", SECOND),
        fetch("https://api3.example.com", SECOND),
    );
    vec![first, second, third]
}
// ANCHOR_END: join

// ANCHOR: join_all
/// Any number of fetches at the same time, like `await asyncio.gather(*coroutines)`.
/// The results come back in the order of `requests`, not in the order the fetches
/// finish.
async fn fetch_all(requests: &[(&str, Duration)]) -> Vec<String> {
    let fetches = requests.iter().map(|&(url, latency)| fetch(url, latency));
    futures::future::join_all(fetches).await
}
// ANCHOR_END: join_all

// ANCHOR: main
#[tokio::main]
async fn main() {
    let start = tokio::time::Instant::now();
    let results = fetch_one_by_one().await;
    println!(
        "one by one: {} results in {:.2?}",
        results.len(),
        start.elapsed()
    );

    let start = tokio::time::Instant::now();
    let results = fetch_together().await;
    println!(
        "join!:      {} results in {:.2?}",
        results.len(),
        start.elapsed()
    );

    // The slowest request comes first: its result still comes first.
    let requests = [
        ("https://slow.example.com", Duration::from_millis(300)),
        ("https://fast.example.com", Duration::from_millis(100)),
        ("https://medium.example.com", Duration::from_millis(200)),
    ];
    for result in fetch_all(&requests).await {
        println!("join_all:   {result}");
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use course_testkit::timed;

    // ANCHOR: proof
    #[tokio::test(start_paused = true)]
    async fn three_fetches_take_three_seconds_in_a_row_and_one_second_together() {
        let (took, _) = timed(fetch_one_by_one()).await;
        assert_eq!(took, Duration::from_secs(3));
        let (took, results) = timed(fetch_together()).await;
        assert_eq!(took, Duration::from_secs(1));
        assert_eq!(results[0], "data from https://api1.example.com");
    }
    // ANCHOR_END: proof

    #[tokio::test(start_paused = true)]
    async fn join_all_keeps_the_input_order_and_waits_for_the_slowest() {
        let requests = [
            ("slow", Duration::from_millis(300)),
            ("fast", Duration::from_millis(100)),
            ("medium", Duration::from_millis(200)),
        ];
        let (took, results) = timed(fetch_all(&requests)).await;
        assert_eq!(took, Duration::from_millis(300));
        assert_eq!(
            results,
            ["data from slow", "data from fast", "data from medium"]
        );
    }

    // ANCHOR: one_task
    /// `join!` is concurrency inside one task, not parallelism: every branch is
    /// polled by the task that awaits the `join!`, even on a multi-threaded runtime.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn every_branch_of_a_join_runs_in_the_same_task() {
        let branch = || async {
            tokio::task::yield_now().await;
            tokio::task::id()
        };
        let task = tokio::spawn(async move {
            let (a, b, c) = tokio::join!(branch(), branch(), branch());
            (tokio::task::id(), [a, b, c])
        });
        let (joining_task, branches) = task.await.unwrap();
        assert_eq!(branches, [joining_task; 3]);
    }
    // ANCHOR_END: one_task
}
