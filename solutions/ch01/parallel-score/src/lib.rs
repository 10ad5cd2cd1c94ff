//! # Exercise 1.1: score documents on every core (solution)

/// Sums `score(document)` over all `documents`, using `threads` OS threads at once
/// (`threads` is at least 1).
pub fn total_score<F>(documents: &[&str], threads: usize, score: F) -> u64
where
    F: Fn(&str) -> u64 + Sync,
{
    let group_size = documents.len().div_ceil(threads.max(1)).max(1);
    let score = &score;
    std::thread::scope(|scope| {
        // Start every thread before joining any, so that they all run at the same
        // time.
        let workers: Vec<_> = documents
            .chunks(group_size)
            .map(|group| {
                scope.spawn(move || group.iter().map(|doc| score(doc)).sum::<u64>())
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().expect("a scoring thread panicked"))
            .sum()
    })
}
