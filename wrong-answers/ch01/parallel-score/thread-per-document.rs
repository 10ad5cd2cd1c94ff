//! Starts a thread for every document instead of one per group: all at once, but
//! far more threads than were asked for.
//!
//! kind: more-than-asked
//! caught-by: runs_threads_groups_at_the_same_time

pub fn total_score<F>(documents: &[&str], _threads: NonZeroUsize, score: F) -> u64
where
    F: Fn(&str) -> u64 + Sync,
{
    let score = &score;
    std::thread::scope(|scope| {
        let workers: Vec<_> = documents
            .iter()
            .map(|doc| scope.spawn(move || score(doc)))
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap()).sum()
    })
}
