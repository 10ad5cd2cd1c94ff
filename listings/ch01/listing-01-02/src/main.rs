//! Listing 1-2: what it costs to start 10,000 OS threads, and 100,000 tokio tasks.
//! Resident memory is read from /proc, so it is reported on Linux only.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

const THREADS: usize = 10_000;
const TASKS: usize = 100_000;

// ANCHOR: threads
/// Starts `THREADS` threads that all stay alive until each has started, then lets
/// them finish.
fn spawn_threads() -> (Duration, Option<u64>) {
    let memory_before = resident_bytes();
    let started = Arc::new(AtomicUsize::new(0));
    let release = Arc::new(Barrier::new(THREADS + 1));
    let start = Instant::now();
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let (started, release) = (started.clone(), release.clone());
            thread::spawn(move || {
                started.fetch_add(1, Ordering::SeqCst);
                release.wait();
            })
        })
        .collect();
    while started.load(Ordering::SeqCst) < THREADS {
        thread::yield_now();
    }
    let took = start.elapsed();
    let memory = resident_bytes()
        .zip(memory_before)
        .map(|(after, before)| after.saturating_sub(before));
    release.wait();
    for handle in handles {
        handle.join().unwrap();
    }
    (took, memory)
}
// ANCHOR_END: threads

// ANCHOR: tasks
/// Starts `TASKS` tokio tasks that all stay alive until each has started, then lets
/// them finish.
async fn spawn_tasks() -> (Duration, Option<u64>) {
    let memory_before = resident_bytes();
    let started = Arc::new(AtomicUsize::new(0));
    let release = Arc::new(tokio::sync::Barrier::new(TASKS + 1));
    let start = Instant::now();
    for _ in 0..TASKS {
        let (started, release) = (started.clone(), release.clone());
        tokio::spawn(async move {
            started.fetch_add(1, Ordering::SeqCst);
            release.wait().await;
        });
    }
    while started.load(Ordering::SeqCst) < TASKS {
        tokio::task::yield_now().await;
    }
    let took = start.elapsed();
    let memory = resident_bytes()
        .zip(memory_before)
        .map(|(after, before)| after.saturating_sub(before));
    release.wait().await;
    (took, memory)
}
// ANCHOR_END: tasks

// ANCHOR: main
fn main() {
    let (took, memory) = spawn_threads();
    report("OS threads ", THREADS, took, memory);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (took, memory) = runtime.block_on(spawn_tasks());
    report("tokio tasks", TASKS, took, memory);
}
// ANCHOR_END: main

fn report(what: &str, count: usize, took: Duration, memory: Option<u64>) {
    let each = took / count as u32;
    let memory = match memory {
        Some(bytes) => format!(
            "{:.1} MiB resident ({} bytes each)",
            bytes as f64 / (1024.0 * 1024.0),
            bytes / count as u64
        ),
        None => "memory: n/a (read from /proc on Linux)".into(),
    };
    println!(
        "{count:>7} {what}: started in {took:>8.1?} ({each:>7.2?} each), {memory}"
    );
}

/// The process's resident memory (VmRSS), or `None` where /proc does not exist.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
