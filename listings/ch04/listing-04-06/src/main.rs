//! Listing 4-6: `asyncio.timeout` and `asyncio.wait(FIRST_COMPLETED)` in Rust.
//! `timeout` and `select!` drop the futures that lose, which cancels them; a future
//! that had already taken something out of a channel loses it when it is dropped,
//! unless its state lives outside it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, timeout};

/// Stands in for a network call that answers after `latency_ms`, counting the calls
/// that ran to their end.
async fn download(
    finished: &AtomicUsize,
    mirror: &'static str,
    latency_ms: u64,
) -> &'static str {
    tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    finished.fetch_add(1, Ordering::SeqCst);
    mirror
}

// ANCHOR: timeout
/// Like `async with asyncio.timeout(1)`: the download is dropped when the second is
/// up.
async fn download_within_a_second(
    finished: &AtomicUsize,
    latency_ms: u64,
) -> Result<&'static str, tokio::time::error::Elapsed> {
    timeout(
        Duration::from_secs(1),
        download(finished, "eu.mirror", latency_ms),
    )
    .await
}
// ANCHOR_END: timeout

// ANCHOR: select
/// Like `asyncio.wait(..., return_when=FIRST_COMPLETED)`, except that the loser is
/// dropped.
async fn first_of_two_mirrors(finished: &AtomicUsize) -> &'static str {
    tokio::select! {
        mirror = download(finished, "eu.mirror", 300) => mirror,
        mirror = download(finished, "us.mirror", 100) => mirror,
    }
}
// ANCHOR_END: select

// ANCHOR: producer
/// Sends six messages, in pairs that belong together, at fixed times after `start`.
async fn send_pairs(outbox: mpsc::Sender<u32>, start: Instant) {
    let schedule = [(1, 100), (2, 150), (3, 500), (4, 650), (5, 900), (6, 950)];
    for (message, at_ms) in schedule {
        tokio::time::sleep_until(start + Duration::from_millis(at_ms)).await;
        outbox.send(message).await.expect("the receiver is alive");
    }
}
// ANCHOR_END: producer

// ANCHOR: lossy
/// Receives two messages. Not cancel-safe: dropped after the first `recv`, it loses
/// the first.
async fn next_pair(inbox: &mut mpsc::Receiver<u32>) -> Option<(u32, u32)> {
    let first = inbox.recv().await?;
    let second = inbox.recv().await?;
    Some((first, second))
}

/// Pairs up messages and reports progress every 200 ms. Each report drops
/// `next_pair`.
async fn pair_up_lossy(mut inbox: mpsc::Receiver<u32>) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    let start = Instant::now();
    let mut report = tokio::time::interval_at(start + REPORT_EVERY, REPORT_EVERY);
    loop {
        tokio::select! {
            pair = next_pair(&mut inbox) => match pair {
                Some(pair) => pairs.push(pair),
                None => return pairs,
            },
            _ = report.tick() => {
                println!("  {:?}: {} pairs so far", start.elapsed(), pairs.len());
            }
        }
    }
}
// ANCHOR_END: lossy

const REPORT_EVERY: Duration = Duration::from_millis(200);

// ANCHOR: fixed
/// The same loop, cancel-safe: it only races `recv`, which the tokio documentation
/// says is cancel-safe, and keeps the half-finished pair in a variable that outlives
/// each `select!`.
async fn pair_up(mut inbox: mpsc::Receiver<u32>) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    let mut waiting_for_partner = None;
    let start = Instant::now();
    let mut report = tokio::time::interval_at(start + REPORT_EVERY, REPORT_EVERY);
    loop {
        tokio::select! {
            message = inbox.recv() => match (message, waiting_for_partner.take()) {
                (Some(second), Some(first)) => pairs.push((first, second)),
                (Some(first), None) => waiting_for_partner = Some(first),
                (None, _) => return pairs,
            },
            _ = report.tick() => {
                println!("  {:?}: {} pairs so far", start.elapsed(), pairs.len());
            }
        }
    }
}
// ANCHOR_END: fixed

/// Runs the producer and one of the pairing loops, and returns the pairs.
async fn with_producer<Loop, Pairing>(pairing: Loop) -> Vec<(u32, u32)>
where
    Loop: FnOnce(mpsc::Receiver<u32>) -> Pairing,
    Pairing: Future<Output = Vec<(u32, u32)>>,
{
    let (outbox, inbox) = mpsc::channel(8);
    let producer = tokio::spawn(send_pairs(outbox, Instant::now()));
    let pairs = pairing(inbox).await;
    producer.await.expect("the producer does not panic");
    pairs
}

fn main() {
    // The paused clock makes the schedule (and so which messages are lost) the same
    // on every run; the times below are virtual.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current-thread runtime can always be built");
    runtime.block_on(async {
        // ANCHOR: main
        let finished = AtomicUsize::new(0);
        println!(
            "timeout: {:?}",
            download_within_a_second(&finished, 3000).await
        );
        println!("select!: {} won", first_of_two_mirrors(&finished).await);
        tokio::time::sleep(Duration::from_secs(5)).await;
        println!(
            "downloads that ran to their end: {}",
            finished.load(Ordering::SeqCst)
        );

        println!("lossy pairing:");
        println!("  pairs: {:?}", with_producer(pair_up_lossy).await);
        println!("cancel-safe pairing:");
        println!("  pairs: {:?}", with_producer(pair_up).await);
        // ANCHOR_END: main
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_testkit::timed;

    // ANCHOR: proof
    #[tokio::test(start_paused = true)]
    async fn a_timeout_returns_at_the_deadline_and_drops_the_download() {
        let finished = AtomicUsize::new(0);
        let (took, result) = timed(download_within_a_second(&finished, 3000)).await;
        assert!(result.is_err());
        assert_eq!(took, Duration::from_secs(1));
        tokio::time::sleep(Duration::from_secs(10)).await;
        assert_eq!(
            finished.load(Ordering::SeqCst),
            0,
            "the download was cancelled"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn select_returns_the_first_and_drops_the_loser() {
        let finished = AtomicUsize::new(0);
        let (took, winner) = timed(first_of_two_mirrors(&finished)).await;
        assert_eq!(winner, "us.mirror");
        assert_eq!(took, Duration::from_millis(100));
        tokio::time::sleep(Duration::from_secs(10)).await;
        assert_eq!(
            finished.load(Ordering::SeqCst),
            1,
            "eu.mirror never finished"
        );
    }
    // ANCHOR_END: proof

    #[tokio::test(start_paused = true)]
    async fn a_fast_download_beats_the_timeout() {
        let finished = AtomicUsize::new(0);
        let (took, result) = timed(download_within_a_second(&finished, 300)).await;
        assert_eq!(result, Ok("eu.mirror"));
        assert_eq!(took, Duration::from_millis(300));
    }

    // ANCHOR: cancel_safety
    #[tokio::test(start_paused = true)]
    async fn the_lossy_loop_loses_the_pair_cut_by_a_report() {
        // Messages 3 (at 500 ms) and 4 (at 650 ms) straddle the reports at 600 and
        // 800 ms.
        assert_eq!(with_producer(pair_up_lossy).await, [(1, 2), (5, 6)]);
    }

    #[tokio::test(start_paused = true)]
    async fn the_cancel_safe_loop_keeps_every_message() {
        assert_eq!(with_producer(pair_up).await, [(1, 2), (3, 4), (5, 6)]);
    }
    // ANCHOR_END: cancel_safety
}
