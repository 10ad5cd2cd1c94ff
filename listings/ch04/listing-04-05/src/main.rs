//! Listing 4-5: `asyncio.TaskGroup` in Rust. A `JoinSet` owns its tasks: it hands
//! back results in the order they finish and aborts the tasks still running when it
//! is dropped. Cancelling the siblings at the first error is a few lines we write
//! ourselves. For a graceful shutdown, `tokio_util`'s `CancellationToken` asks tasks
//! to stop and `TaskTracker` waits until they have.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// Stands in for an HTTP call: after `latency_ms` it answers, or fails when `fails`
/// is set. `finished` counts the calls that ran to their end.
async fn fetch(
    finished: Arc<AtomicUsize>,
    url: &'static str,
    latency_ms: u64,
    fails: bool,
) -> Result<String, String> {
    tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    finished.fetch_add(1, Ordering::SeqCst);
    if fails {
        Err(format!("{url}: connection refused"))
    } else {
        Ok(url.to_string())
    }
}

// ANCHOR: completion_order
/// Spawns three fetches into a `JoinSet` and returns the URLs in the order they
/// finished.
async fn in_completion_order(finished: Arc<AtomicUsize>) -> Vec<String> {
    let mut group = JoinSet::new();
    group.spawn(fetch(finished.clone(), "slow", 900, false));
    group.spawn(fetch(finished.clone(), "fast", 100, false));
    group.spawn(fetch(finished, "medium", 500, false));
    let mut urls = Vec::new();
    while let Some(joined) = group.join_next().await {
        let answer = joined.expect("fetch neither panics nor is aborted");
        urls.push(answer.expect("none of these fetches fails"));
    }
    urls
}
// ANCHOR_END: completion_order

// ANCHOR: first_error
/// Like a `TaskGroup` body: runs every fetch as a task, and at the first error
/// cancels the others and returns that error. Successful answers come in completion
/// order.
async fn all_or_first_error(
    fetches: Vec<(&'static str, u64, bool)>,
    finished: Arc<AtomicUsize>,
) -> Result<Vec<String>, String> {
    let mut group = JoinSet::new();
    for (url, latency_ms, fails) in fetches {
        group.spawn(fetch(finished.clone(), url, latency_ms, fails));
    }
    let mut answers = Vec::new();
    while let Some(joined) = group.join_next().await {
        match joined {
            Ok(Ok(answer)) => answers.push(answer),
            // Returning drops `group`, and dropping a JoinSet aborts every task
            // still in it. `abort_all` says so explicitly, for the reader.
            Ok(Err(error)) => {
                group.abort_all();
                return Err(error);
            }
            Err(crashed) => {
                group.abort_all();
                return Err(format!("a fetch crashed: {crashed}"));
            }
        }
    }
    Ok(answers)
}
// ANCHOR_END: first_error

// ANCHOR: shutdown
/// A worker that handles one 1-second job after another until it is asked to stop. A
/// job in progress is always finished: the token is checked between jobs, never in
/// the middle of one.
async fn worker(stop: CancellationToken, jobs_done: Arc<AtomicUsize>) {
    while !stop.is_cancelled() {
        // The job itself is not raced against the token: once started, it runs to
        // its end.
        tokio::time::sleep(Duration::from_secs(1)).await;
        jobs_done.fetch_add(1, Ordering::SeqCst);
    }
}

/// Starts `workers` workers, asks them to stop after `run_for`, and waits until all
/// have.
async fn run_then_shut_down(workers: usize, run_for: Duration) -> usize {
    let stop = CancellationToken::new();
    let tracker = TaskTracker::new();
    let jobs_done = Arc::new(AtomicUsize::new(0));
    for _ in 0..workers {
        tracker.spawn(worker(stop.child_token(), jobs_done.clone()));
    }
    // No more tasks will be added: `wait` can return once the tracked ones are done.
    tracker.close();
    tokio::time::sleep(run_for).await;
    stop.cancel();
    tracker.wait().await;
    jobs_done.load(Ordering::SeqCst)
}
// ANCHOR_END: shutdown

#[tokio::main]
async fn main() {
    let finished = Arc::new(AtomicUsize::new(0));
    println!(
        "completion order: {:?}",
        in_completion_order(finished).await
    );

    let finished = Arc::new(AtomicUsize::new(0));
    let fetches = vec![
        ("api1", 600, false),
        ("api2", 100, true),
        ("api3", 900, false),
    ];
    let result = all_or_first_error(fetches, finished.clone()).await;
    // Long enough for api1 and api3 to finish, had they not been cancelled.
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!(
        "first error: {result:?}; fetches that finished: {}",
        finished.load(Ordering::SeqCst)
    );

    let jobs = run_then_shut_down(3, Duration::from_millis(2500)).await;
    println!("graceful shutdown: 3 workers stopped after {jobs} jobs");
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_testkit::timed;

    #[tokio::test(start_paused = true)]
    async fn a_join_set_returns_results_in_completion_order() {
        let finished = Arc::new(AtomicUsize::new(0));
        let (took, urls) = timed(in_completion_order(finished)).await;
        assert_eq!(urls, ["fast", "medium", "slow"]);
        assert_eq!(took, Duration::from_millis(900));
    }

    // ANCHOR: drop_aborts
    #[tokio::test(start_paused = true)]
    async fn dropping_a_join_set_aborts_its_tasks() {
        let finished = Arc::new(AtomicUsize::new(0));
        let mut group = JoinSet::new();
        for url in ["api1", "api2", "api3"] {
            group.spawn(fetch(finished.clone(), url, 100, false));
        }
        drop(group);
        tokio::time::sleep(Duration::from_secs(10)).await;
        assert_eq!(
            finished.load(Ordering::SeqCst),
            0,
            "no fetch ran to its end"
        );
    }
    // ANCHOR_END: drop_aborts

    // ANCHOR: proof
    #[tokio::test(start_paused = true)]
    async fn the_first_error_cancels_the_siblings() {
        let finished = Arc::new(AtomicUsize::new(0));
        let fetches = vec![
            ("api1", 200, false),
            ("api2", 100, true),
            ("api3", 300, false),
        ];
        let (took, result) =
            timed(all_or_first_error(fetches, finished.clone())).await;
        assert_eq!(result, Err("api2: connection refused".to_string()));
        assert_eq!(took, Duration::from_millis(100));
        // Long after api1 and api3 would have answered: they were cancelled, not
        // left running.
        tokio::time::sleep(Duration::from_secs(10)).await;
        assert_eq!(finished.load(Ordering::SeqCst), 1);
    }
    // ANCHOR_END: proof

    #[tokio::test(start_paused = true)]
    async fn without_errors_every_answer_comes_back() {
        let finished = Arc::new(AtomicUsize::new(0));
        let fetches = vec![("api1", 200, false), ("api2", 100, false)];
        let result = all_or_first_error(fetches, finished.clone()).await;
        assert_eq!(result, Ok(vec!["api2".to_string(), "api1".to_string()]));
        assert_eq!(finished.load(Ordering::SeqCst), 2);
    }

    /// Stop asked at 2.5 s: each worker has done jobs at 1 s and 2 s and is half-way
    /// through its third. Shutdown waits for that job: it completes at 3 s, with 9
    /// jobs done, none cut short.
    #[tokio::test(start_paused = true)]
    async fn shutdown_waits_for_the_jobs_in_progress() {
        let (took, jobs) =
            timed(run_then_shut_down(3, Duration::from_millis(2500))).await;
        assert_eq!(jobs, 9);
        assert_eq!(took, Duration::from_secs(3));
    }
}
