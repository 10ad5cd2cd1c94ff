//! # Exercise 1.1: score documents on every core
//!
//! A search service gives each document a relevance score with a CPU-heavy function.
//! In CPython, threads would not make this faster: the GIL lets one thread run
//! Python code at a time. In Rust, threads run on all cores at once.
//!
//! Write [`total_score`]: return the sum of `score(document)` over all `documents`,
//! computed on several OS threads that run **at the same time**:
//!
//! - Split `documents` into exactly `threads` groups whose sizes differ by at most
//!   one (10 documents and 4 threads: groups of 3, 3, 2 and 2, in any order), and
//!   score each group on a thread of its own. So exactly `threads` threads call
//!   `score`, never more, and they all run at once.
//! - With fewer documents than `threads`, there is one group per document: a thread
//!   with nothing to score is not started. With no documents, the total is 0.
//! - `threads` is a `NonZeroUsize` (the type `std::thread::available_parallelism`
//!   returns): 0 threads cannot be asked for.
//! - Score every document exactly once, duplicates included: two equal documents
//!   are two documents.
//! - While the threads work, the calling thread sleeps until they end (`join`):
//!   no loop that keeps checking whether they are done.
//!
//! Run `cargo xtask check ch01-parallel-score` to see what the checks verify.

use std::num::NonZeroUsize;

/// Sums `score(document)` over all `documents`, scored in `threads` groups of
/// nearly equal size, each on its own OS thread, all at the same time.
pub fn total_score<F>(documents: &[&str], threads: NonZeroUsize, score: F) -> u64
where
    F: Fn(&str) -> u64 + Sync,
{
    // TODO: cut `documents` into the groups, start one scoped thread per group,
    // then join them all and add up what they return.
    let _ = (documents, threads, score);
    todo!("score the documents on several threads at once")
}
