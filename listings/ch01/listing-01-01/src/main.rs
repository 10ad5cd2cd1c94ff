//! Listing 1-1: CPU-bound work spread over OS threads runs in parallel. Rust has no
//! GIL.

use std::thread;
use std::time::Instant;

// ANCHOR: work
/// True when `n` is prime, by trial division: pure CPU work, no I/O at all.
fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

/// Counts the primes below `limit` on `threads` OS threads.
///
/// The numbers are cut into blocks of 10,000, dealt out like cards: thread `i` takes
/// blocks `i`, `i + threads`, `i + 2 * threads`, …, so every thread gets its share
/// of the large (slower) numbers.
fn count_primes(limit: u64, threads: u64) -> u64 {
    const BLOCK: u64 = 10_000;
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                scope.spawn(move || {
                    (worker * BLOCK..limit)
                        .step_by((threads * BLOCK) as usize)
                        .map(|block| {
                            (block..(block + BLOCK).min(limit))
                                .filter(|&n| is_prime(n))
                                .count() as u64
                        })
                        .sum::<u64>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap())
            .sum()
    })
}
// ANCHOR_END: work

// ANCHOR: main
fn main() {
    const LIMIT: u64 = 2_000_000;
    let cores = thread::available_parallelism().map_or(1, |n| n.get()) as u64;

    let start = Instant::now();
    let on_one_thread = count_primes(LIMIT, 1);
    let one_thread_took = start.elapsed();

    let start = Instant::now();
    let on_all_cores = count_primes(LIMIT, cores);
    let all_cores_took = start.elapsed();

    assert_eq!(on_one_thread, on_all_cores);
    println!("primes below {LIMIT}: {on_one_thread}");
    println!("1 thread:   {one_thread_took:.2?}");
    println!("{cores} threads: {all_cores_took:.2?}");
    let speedup = one_thread_took.as_secs_f64() / all_cores_took.as_secs_f64();
    println!("speedup:    {speedup:.2}x with {cores} threads on {cores} cores");
}
// ANCHOR_END: main
