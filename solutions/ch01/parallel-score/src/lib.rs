//! # Exercise 1.1: score documents on every core (solution)

use std::num::NonZeroUsize;
use std::panic::resume_unwind;

/// Sums `score(document)` over all `documents`, scored in `threads` groups of
/// nearly equal size, each on its own OS thread, all at the same time.
pub fn total_score<F>(documents: &[&str], threads: NonZeroUsize, score: F) -> u64
where
    F: Fn(&str) -> u64 + Sync,
{
    // Never more groups than documents: a thread with nothing to score is waste.
    let groups = threads.get().min(documents.len());
    let score = &score;
    std::thread::scope(|scope| {
        let mut rest = documents;
        let mut workers = Vec::with_capacity(groups);
        for groups_left in (1..=groups).rev() {
            // Each group takes its share of what is left, rounded up: the sizes
            // differ by at most one (10 over 4 groups: 3, 3, 2, 2).
            let (group, later) = rest.split_at(rest.len().div_ceil(groups_left));
            rest = later;
            workers.push(
                scope.spawn(move || group.iter().map(|doc| score(doc)).sum::<u64>()),
            );
        }
        // Every thread is running before the first join: they score at once.
        workers
            .into_iter()
            // A panic in `score` goes on in the caller, with its own message.
            .map(|worker| worker.join().unwrap_or_else(|panic| resume_unwind(panic)))
            .sum()
    })
}
