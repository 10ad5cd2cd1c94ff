//! Listing 7-2: CPU-bound work called from async code, without a GIL: on tokio's
//! blocking pool with `spawn_blocking`, and on rayon's pool, its answer handed back
//! through a `oneshot` channel.

use rayon::prelude::*;
use std::ops::Range;
use std::sync::Mutex;
use std::thread::ThreadId;
use std::time::Instant;

// ANCHOR: work
/// The CPU work: trial division, as in chapter 1.
fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

/// Counts the primes in `numbers` on the calling thread.
fn count_primes(numbers: Range<u64>) -> u64 {
    note_thread();
    numbers.filter(|&n| is_prime(n)).count() as u64
}
// ANCHOR_END: work

/// Every thread that counted primes, for the program's output.
static COUNTING_THREADS: Mutex<Vec<ThreadId>> = Mutex::new(Vec::new());

/// Records that the calling thread counts primes.
fn note_thread() {
    let mut threads = COUNTING_THREADS.lock().unwrap();
    let this_thread = std::thread::current().id();
    if !threads.contains(&this_thread) {
        threads.push(this_thread);
    }
}

/// How many threads counted primes since the last call.
fn threads_noted() -> usize {
    std::mem::take(&mut *COUNTING_THREADS.lock().unwrap()).len()
}

// ANCHOR: spawn_blocking
/// `loop.run_in_executor(None, count_primes, numbers)`: the count runs on one of
/// tokio's blocking threads, and this task waits for it without holding a worker.
async fn count_on_blocking_pool(numbers: Range<u64>) -> u64 {
    tokio::task::spawn_blocking(move || count_primes(numbers))
        .await
        .expect("count_primes does not panic")
}
// ANCHOR_END: spawn_blocking

// ANCHOR: rayon
/// Runs `work` on rayon's pool and waits for its answer without blocking the
/// runtime. A panic in `work` is caught on rayon's thread and resumed here, in the
/// caller: left alone, it would abort the whole process (rayon's default).
async fn on_rayon<T, Work>(work: Work) -> T
where
    T: Send + 'static,
    Work: FnOnce() -> T + Send + 'static,
{
    let (reply, answer) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
        // An error means the caller stopped waiting: nobody wants the answer.
        let _ = reply.send(outcome);
    });
    match answer.await.expect("rayon runs every spawned closure") {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// The same count, split by rayon over its threads, one per core. (`map_init`
/// calls `note_thread` once per piece of the range that a thread takes.)
async fn count_on_rayon(numbers: Range<u64>) -> u64 {
    on_rayon(move || {
        numbers
            .into_par_iter()
            .map_init(note_thread, |_, n| is_prime(n))
            .filter(|&prime| prime)
            .count() as u64
    })
    .await
}
// ANCHOR_END: rayon

const RANGES: u64 = 8;
const RANGE_LENGTH: u64 = 250_000;

// ANCHOR: main
/// Counts the primes of `RANGES` ranges, each in a task of its own that calls
/// `count`, all at the same time.
async fn count_all<Count>(count: fn(Range<u64>) -> Count) -> u64
where
    Count: Future<Output = u64> + Send + 'static,
{
    let tasks: Vec<_> = (0..RANGES)
        .map(|i| tokio::spawn(count(i * RANGE_LENGTH..(i + 1) * RANGE_LENGTH)))
        .collect();
    let mut total = 0;
    for task in tasks {
        total += task.await.expect("counting primes does not panic");
    }
    total
}

#[tokio::main]
async fn main() {
    println!("{RANGES} ranges of {RANGE_LENGTH} numbers, counted at the same time");
    let start = Instant::now();
    let total = count_all(count_on_blocking_pool).await;
    let (threads, took) = (threads_noted(), start.elapsed());
    println!("spawn_blocking: {total} primes, on {threads} threads, in {took:.2?}");

    let start = Instant::now();
    let total = count_all(count_on_rayon).await;
    let (threads, took) = (threads_noted(), start.elapsed());
    println!("rayon:          {total} primes, on {threads} threads, in {took:.2?}");

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("cores: {cores}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use course_testkit::{BlockingProbe, Rendezvous, ThreadCensus};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    #[tokio::test]
    async fn both_ways_count_the_same_primes() {
        assert_eq!(count_on_blocking_pool(0..10_000).await, 1229);
        assert_eq!(count_on_rayon(0..10_000).await, 1229);
    }

    /// The runtime's only thread stays free while the CPU work runs elsewhere.
    #[tokio::test(flavor = "current_thread")]
    async fn neither_way_holds_the_runtime_thread() {
        let probe = BlockingProbe::start();
        let ran = on_rayon(move || probe.runtime_ran_meanwhile()).await;
        assert!(ran, "rayon's work ran on the runtime's thread");
        let probe = BlockingProbe::start();
        let ran = tokio::task::spawn_blocking(move || probe.runtime_ran_meanwhile())
            .await
            .unwrap();
        assert!(ran, "spawn_blocking's work ran on the runtime's thread");
    }

    // ANCHOR: oversubscribed
    /// Eight CPU jobs sent to spawn_blocking at once run on eight threads at once,
    /// whatever the number of cores: the pool starts a thread for every job that
    /// finds no idle one, up to 512.
    #[tokio::test]
    async fn spawn_blocking_starts_a_thread_per_waiting_job() {
        let rendezvous = Arc::new(Rendezvous::new(8));
        let jobs: Vec<_> = (0..8)
            .map(|_| {
                let rendezvous = rendezvous.clone();
                tokio::task::spawn_blocking(move || rendezvous.arrive())
            })
            .collect();
        for job in jobs {
            job.await.unwrap();
        }
        rendezvous.assert_met("eight jobs on spawn_blocking");
    }

    /// rayon runs the same eight jobs on its own threads, never more of them than
    /// its pool has (one per core by default).
    #[tokio::test]
    async fn rayon_keeps_to_its_pool() {
        let census = Arc::new(ThreadCensus::new());
        let watched = census.clone();
        on_rayon(move || {
            (0..8).into_par_iter().for_each(|_| {
                let _visit = watched.enter();
                std::hint::black_box(count_primes(0..20_000));
            })
        })
        .await;
        census.assert_at_most_threads(
            rayon::current_num_threads(),
            "eight jobs on rayon",
        );
    }
    // ANCHOR_END: oversubscribed

    // ANCHOR: abort
    /// `abort` cannot stop a closure that spawn_blocking has started: it runs to
    /// its end, and its handle even hands back its result.
    #[tokio::test]
    async fn abort_does_not_stop_a_running_blocking_task() {
        let (started, has_started) = tokio::sync::oneshot::channel();
        let (carry_on, go) = std::sync::mpsc::channel::<()>();
        let finished = Arc::new(AtomicBool::new(false));
        let finished_in_task = finished.clone();
        let job = tokio::task::spawn_blocking(move || {
            started.send(()).unwrap();
            go.recv_timeout(Duration::from_secs(5)).unwrap();
            finished_in_task.store(true, Ordering::SeqCst);
        });
        has_started.await.unwrap();
        job.abort();
        carry_on.send(()).unwrap();
        let outcome = job.await;
        assert!(
            finished.load(Ordering::SeqCst),
            "the closure ran to its end"
        );
        assert!(outcome.is_ok(), "abort had no effect at all");
    }
    // ANCHOR_END: abort

    #[tokio::test]
    #[should_panic(expected = "a corrupt image")]
    async fn a_panic_on_rayon_reaches_the_caller() {
        on_rayon(|| panic!("a corrupt image")).await
    }
}
