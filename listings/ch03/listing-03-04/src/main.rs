//! Listing 3-4: `std::thread::sleep` blocks the thread; `tokio::time::sleep`
//! suspends the task. Three fetches in sequence, three with `join!`, and the trap:
//! three *blocking* fetches in `join!`, which still run one after another.

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// What the fetches did, in order: `"start api1"`, `"end api1"`, …
type Log = Arc<Mutex<Vec<String>>>;

// ANCHOR: fetches
/// Suspends the task for one second: the thread is free to run other tasks
/// meanwhile.
async fn fetch_async(url: &str, log: &Log) -> String {
    log.lock().unwrap().push(format!("start {url}"));
    tokio::time::sleep(Duration::from_secs(1)).await;
    log.lock().unwrap().push(format!("end {url}"));
    format!("Data from {url}")
}

/// Looks async, but blocks the whole thread for one second: nothing else runs on it
/// meanwhile.
async fn fetch_blocking(url: &str, log: &Log) -> String {
    log.lock().unwrap().push(format!("start {url}"));
    std::thread::sleep(Duration::from_secs(1));
    log.lock().unwrap().push(format!("end {url}"));
    format!("Data from {url}")
}
// ANCHOR_END: fetches

// ANCHOR: three_ways
async fn in_sequence(log: &Log) -> [String; 3] {
    [
        fetch_async("api1", log).await,
        fetch_async("api2", log).await,
        fetch_async("api3", log).await,
    ]
}

async fn joined(log: &Log) -> [String; 3] {
    let (first, second, third) = tokio::join!(
        fetch_async("api1", log),
        fetch_async("api2", log),
        fetch_async("api3", log),
    );
    [first, second, third]
}

async fn joined_but_blocking(log: &Log) -> [String; 3] {
    let (first, second, third) = tokio::join!(
        fetch_blocking("api1", log),
        fetch_blocking("api2", log),
        fetch_blocking("api3", log),
    );
    [first, second, third]
}
// ANCHOR_END: three_ways

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let log = Log::default();
    let start = Instant::now();
    in_sequence(&log).await;
    println!("in sequence:                 {:.2?}", start.elapsed());

    let start = Instant::now();
    joined(&log).await;
    println!("join!:                       {:.2?}", start.elapsed());

    let start = Instant::now();
    joined_but_blocking(&log).await;
    println!("join! with a blocking sleep: {:.2?}", start.elapsed());
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    fn events(log: &Log) -> Vec<String> {
        log.lock().unwrap().clone()
    }

    // ANCHOR: proof
    #[tokio::test(start_paused = true)]
    async fn three_awaits_in_sequence_take_three_seconds() {
        let (start, log) = (Instant::now(), Log::default());
        in_sequence(&log).await;
        assert_eq!(start.elapsed(), Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn three_awaits_in_join_take_one_second() {
        let (start, log) = (Instant::now(), Log::default());
        joined(&log).await;
        assert_eq!(start.elapsed(), Duration::from_secs(1));
        // All three started before any ended: the waits overlapped. (`join!` polls
        // its branches in a rotating order, so the order of the ends is not fixed.)
        let log = events(&log);
        assert!(
            log[..3].iter().all(|event| event.starts_with("start")),
            "{log:?}"
        );
        assert!(
            log[3..].iter().all(|event| event.starts_with("end")),
            "{log:?}"
        );
    }

    /// The trap. The paused clock cannot measure it: `std::thread::sleep` stops the
    /// thread, not tokio's clock, which reads zero. What we can prove is the order:
    /// each blocking fetch ends before the next one starts, so the three seconds add
    /// up, exactly as in sequence.
    #[tokio::test(start_paused = true)]
    async fn blocking_sleeps_in_join_run_one_after_another() {
        let (start, log) = (Instant::now(), Log::default());
        joined_but_blocking(&log).await;
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "tokio's clock never saw the blocking waits"
        );
        assert_eq!(
            events(&log),
            [
                "start api1",
                "end api1",
                "start api2",
                "end api2",
                "start api3",
                "end api3"
            ]
        );
    }
    // ANCHOR_END: proof
}
