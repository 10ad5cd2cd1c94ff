//! Listing 2-4: the same fetches as Listing 2-3, on tokio's two runtimes.
//! `current_thread` is our executor's industrial twin (and asyncio's: one thread);
//! `multi_thread` runs the tasks on a pool of worker threads.

use std::collections::BTreeSet;
use std::time::Duration;
use tokio::runtime::{Builder, Runtime};
use tokio::time::Instant;

// ANCHOR: fetch
/// A stand-in for an HTTP request: one second of network latency, then the body.
async fn fetch_data(url: &str) -> String {
    tokio::time::sleep(Duration::from_secs(1)).await;
    format!("Data from {url}")
}

/// The article's example: three awaits in a row.
async fn fetch_in_sequence() -> Vec<String> {
    let mut bodies = Vec::new();
    for url in ["api1.example.com", "api2.example.com", "api3.example.com"] {
        bodies.push(fetch_data(url).await);
    }
    bodies
}

/// Three tasks, which the runtime runs at the same time. Each reports the thread it
/// ran on.
async fn fetch_as_tasks() -> Vec<(String, String)> {
    let handles: Vec<_> =
        ["api1.example.com", "api2.example.com", "api3.example.com"]
            .into_iter()
            .map(|url| {
                tokio::spawn(async move {
                    let body = fetch_data(url).await;
                    let thread = std::thread::current()
                        .name()
                        .unwrap_or("unnamed")
                        .to_string();
                    (body, thread)
                })
            })
            .collect();
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await.expect("a fetch does not panic"));
    }
    results
}
// ANCHOR_END: fetch

// ANCHOR: runtimes
fn run_on(label: &str, runtime: &Runtime) {
    runtime.block_on(async {
        let start = Instant::now();
        let bodies = fetch_in_sequence().await;
        println!(
            "{label}: {} fetches in sequence took {:.2?}",
            bodies.len(),
            start.elapsed()
        );

        let start = Instant::now();
        let results = fetch_as_tasks().await;
        let threads: BTreeSet<&str> =
            results.iter().map(|(_, thread)| thread.as_str()).collect();
        println!(
            "{label}: {} fetches as tasks took {:.2?}",
            results.len(),
            start.elapsed()
        );
        println!("{label}: the tasks ran on threads named {threads:?}");
    });
}

fn main() {
    // One thread: the thread that calls `block_on` polls every task, like asyncio's
    // loop.
    let one_thread = Builder::new_current_thread().enable_all().build().unwrap();
    run_on("current_thread", &one_thread);

    // A pool of workers (by default one per core) that steal ready tasks from each
    // other.
    let pool = Builder::new_multi_thread().enable_all().build().unwrap();
    run_on("multi_thread", &pool);
}
// ANCHOR_END: runtimes

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: proof
    /// The article's "3 seconds in total", exactly: each await waits for the
    /// previous one.
    #[tokio::test(start_paused = true)]
    async fn three_awaits_in_sequence_take_three_seconds() {
        let start = Instant::now();
        assert_eq!(fetch_in_sequence().await.len(), 3);
        assert_eq!(start.elapsed(), Duration::from_secs(3));
    }

    /// Three tasks wait at the same time: one second, the time of one fetch.
    #[tokio::test(start_paused = true)]
    async fn three_tasks_take_one_second() {
        let start = Instant::now();
        assert_eq!(fetch_as_tasks().await.len(), 3);
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }
    // ANCHOR_END: proof

    // ANCHOR: lifo
    /// A task that a worker spawns (or wakes) goes to that worker's LIFO slot, to be
    /// polled next; an older one in the slot moves to the worker's queue. Other
    /// workers steal from the queue, never from the slot: while the worker blocks,
    /// the task in its slot waits, although the other worker is idle.
    #[test]
    fn a_task_in_a_blocked_workers_lifo_slot_is_not_stolen() {
        let runtime = Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        let (arrived, arrivals) = std::sync::mpsc::channel();
        let blocking_task = runtime.spawn(async move {
            let (first, second) = (arrived.clone(), arrived);
            tokio::spawn(async move { first.send("first").unwrap() });
            // "second" takes the LIFO slot and pushes "first" into the queue.
            tokio::spawn(async move { second.send("second").unwrap() });
            // Now block this worker, as a synchronous call would.
            let stolen = arrivals.recv_timeout(Duration::from_secs(10));
            let stuck = arrivals.recv_timeout(Duration::from_millis(500));
            (stolen, stuck, arrivals)
        });
        let (stolen, stuck, arrivals) = runtime.block_on(blocking_task).unwrap();
        assert_eq!(
            stolen,
            Ok("first"),
            "the other worker stole it from the queue"
        );
        assert!(
            stuck.is_err(),
            "nobody ran the task in the blocked worker's slot"
        );
        // Once the worker is free again, it polls the task in its slot.
        assert_eq!(arrivals.recv_timeout(Duration::from_secs(10)), Ok("second"));
    }
    // ANCHOR_END: lifo

    /// On a current-thread runtime every task runs on the thread that called
    /// `block_on`.
    #[test]
    fn a_current_thread_runtime_polls_every_task_on_one_thread() {
        let runtime = Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        std::thread::Builder::new()
            .name("the-loop".into())
            .spawn(move || {
                let results = runtime.block_on(fetch_as_tasks());
                assert!(results.iter().all(|(_, thread)| thread == "the-loop"));
            })
            .unwrap()
            .join()
            .unwrap();
    }
}
