//! Listing 7-4: a loop that never reaches an `.await` keeps its thread from every
//! other task. `yield_now` and the cooperative budget give the others their turn.

use futures::StreamExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

const RECORDS: u64 = 10_000;

/// CPU work for one record: a few rounds of a 64-bit mix.
fn digest(record: u64) -> u64 {
    (0..64).fold(record, |hash, round| {
        (hash ^ round)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29)
    })
}

// ANCHOR: neighbour
/// A neighbour: it counts every turn the runtime gives it, and gives the turn back.
async fn count_turns(turns: Arc<AtomicU64>) {
    loop {
        turns.fetch_add(1, Ordering::Relaxed);
        tokio::task::yield_now().await;
    }
}
// ANCHOR_END: neighbour

// ANCHOR: loops
/// Never reaches an `.await` inside the loop: one poll runs all of it.
async fn digest_all(records: u64) -> u64 {
    (0..records).fold(0, |total, record| total ^ digest(record))
}

/// Gives the runtime its turn back every 1,000 records.
async fn digest_all_yielding(records: u64) -> u64 {
    let mut total = 0;
    for record in 0..records {
        total ^= digest(record);
        if (record + 1).is_multiple_of(1_000) {
            tokio::task::yield_now().await;
        }
    }
    total
}

/// Spends one unit of the task's budget per record: it yields only when the budget
/// is used up.
async fn digest_all_on_budget(records: u64) -> u64 {
    let mut total = 0;
    for record in 0..records {
        total ^= digest(record);
        tokio::task::coop::consume_budget().await;
    }
    total
}
// ANCHOR_END: loops

// ANCHOR: channels
/// Receives every record from a tokio channel that is already full. Every `recv`
/// is ready at once, yet the channel spends the task's budget and, when it runs
/// out, says "not ready" once so that the task yields.
async fn digest_from_channel(records: u64) -> u64 {
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    for record in 0..records {
        sender.send(record).expect("the receiver is alive");
    }
    drop(sender);
    let mut total = 0;
    while let Some(record) = receiver.recv().await {
        total ^= digest(record);
    }
    total
}

/// The same records from a stream that is always ready and knows nothing of
/// tokio's budget: `.await` is written, but the task never waits.
async fn digest_from_stream(records: u64) -> u64 {
    let mut stream = futures::stream::iter(0..records);
    let mut total = 0;
    while let Some(record) = stream.next().await {
        total ^= digest(record);
    }
    total
}
// ANCHOR_END: channels

/// Runs `work` as a task beside the neighbour; returns the neighbour's turns
/// during the work.
async fn turns_during<Work>(work: Work) -> u64
where
    Work: Future<Output = u64> + Send + 'static,
{
    let turns = Arc::new(AtomicU64::new(0));
    let neighbour = tokio::spawn(count_turns(turns.clone()));
    // Let the neighbour run once, so that it is waiting for its next turn.
    tokio::task::yield_now().await;
    let counted = turns.clone();
    let during = tokio::spawn(async move {
        let before = counted.load(Ordering::Relaxed);
        std::hint::black_box(work.await);
        counted.load(Ordering::Relaxed) - before
    })
    .await
    .expect("the work does not panic");
    neighbour.abort();
    during
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("{RECORDS} records; the neighbour's turns while they were digested:");
    let turns = turns_during(digest_all(RECORDS)).await;
    println!("  no .await in the loop:         {turns}");
    let turns = turns_during(digest_all_yielding(RECORDS)).await;
    println!("  yield_now every 1,000 records: {turns}");
    let turns = turns_during(digest_all_on_budget(RECORDS)).await;
    println!("  consume_budget every record:   {turns}");
    let turns = turns_during(digest_from_channel(RECORDS)).await;
    println!("  recv from a full channel:      {turns}");
    let turns = turns_during(digest_from_stream(RECORDS)).await;
    println!("  next from a ready stream:      {turns}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[tokio::test]
    async fn only_the_loops_that_give_their_turn_back_let_the_neighbour_run() {
        assert_eq!(turns_during(digest_all(RECORDS)).await, 0);
        assert_eq!(turns_during(digest_from_stream(RECORDS)).await, 0);
        assert_eq!(turns_during(digest_all_yielding(RECORDS)).await, 10);
        // tokio gives a task a budget of 128 units each time it polls it.
        assert_eq!(
            turns_during(digest_all_on_budget(RECORDS)).await,
            RECORDS / 128
        );
        assert_eq!(
            turns_during(digest_from_channel(RECORDS)).await,
            RECORDS / 128
        );
    }

    /// Spins until `count` reaches `expected`, or panics after 5 s of real time.
    fn wait_for(count: &AtomicU64, expected: u64, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while count.load(Ordering::SeqCst) < expected {
            assert!(
                Instant::now() < deadline,
                "{what} did not happen within 5 s"
            );
            std::hint::spin_loop();
        }
    }

    // ANCHOR: multi_thread
    /// Two loops without `.await` on a runtime with two workers: while both run,
    /// no other task gets a single turn, on either worker.
    #[test]
    fn as_many_long_loops_as_workers_stop_every_other_task() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        runtime.block_on(async {
            let turns = Arc::new(AtomicU64::new(0));
            let neighbour = tokio::spawn(count_turns(turns.clone()));
            let started = Arc::new(AtomicU64::new(0));
            let measured = Arc::new(AtomicU64::new(0));
            let loops: Vec<_> = (0..2)
                .map(|_| {
                    let (turns, started, measured) =
                        (turns.clone(), started.clone(), measured.clone());
                    tokio::spawn(async move {
                        // Both loops hold a worker before either starts counting...
                        started.fetch_add(1, Ordering::SeqCst);
                        wait_for(&started, 2, "both loops starting");
                        let before = turns.load(Ordering::SeqCst);
                        std::hint::black_box(digest_all(RECORDS).await);
                        let after = turns.load(Ordering::SeqCst);
                        // ...and until both have stopped counting.
                        measured.fetch_add(1, Ordering::SeqCst);
                        wait_for(&measured, 2, "both loops ending");
                        after - before
                    })
                })
                .collect();
            for a_loop in loops {
                assert_eq!(a_loop.await.unwrap(), 0, "the neighbour never ran");
            }
            neighbour.abort();
        });
    }
    // ANCHOR_END: multi_thread
}
