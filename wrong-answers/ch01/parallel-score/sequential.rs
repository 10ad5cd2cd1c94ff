//! Joins each thread right after spawning it, in one iterator chain, so the groups
//! are scored one after another.
//!
//! kind: sequential
//! caught-by: runs_threads_groups_at_the_same_time

pub fn total_score<F>(documents: &[&str], threads: NonZeroUsize, score: F) -> u64
where
    F: Fn(&str) -> u64 + Sync,
{
    let groups = threads.get().min(documents.len());
    let score = &score;
    std::thread::scope(|scope| {
        let mut rest = documents;
        (1..=groups)
            .rev()
            .map(|groups_left| {
                let (group, later) = rest.split_at(rest.len().div_ceil(groups_left));
                rest = later;
                scope.spawn(move || group.iter().map(|doc| score(doc)).sum::<u64>())
            })
            // Iterators are lazy: each thread is joined before the next one is
            // spawned.
            .map(|worker| worker.join().unwrap())
            .sum()
    })
}
