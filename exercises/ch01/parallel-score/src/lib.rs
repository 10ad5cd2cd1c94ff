//! # Exercise 1.1: score documents on every core
//!
//! A search service gives each document a relevance score with a CPU-heavy function.
//! In CPython, threads would not make this faster: the GIL lets one thread run
//! Python code at a time. In Rust, threads run on all cores at once.
//!
//! Write [`total_score`]: split `documents` into `threads` groups, score each group
//! on its own OS thread, with all threads running **at the same time**, and return
//! the sum of the scores.
//!
//! The checks (`tests/checks.rs`, run them with `cargo test -p ch01-parallel-score`)
//! verify that:
//! - the total is right, for several numbers of threads;
//! - every document is scored exactly once;
//! - the groups are scored at the same time, on `threads` different threads: each
//!   group waits until the others have started, so threads that run one after
//!   another fail the check.

/// Sums `score(document)` over all `documents`, using `threads` OS threads at once
/// (`threads` is at least 1).
pub fn total_score<F>(documents: &[&str], threads: usize, score: F) -> u64
where
    F: Fn(&str) -> u64 + Sync,
{
    // TODO: split `documents` into `threads` groups (`chunks` helps), start one
    // scoped thread per group, then join them all and add up what they return.
    let _ = (documents, threads, score);
    todo!("score the documents on several threads at once")
}
