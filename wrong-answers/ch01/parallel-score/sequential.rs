//! Joins each thread right after spawning it, so the groups run one after another.
//!
//! kind: sequential
//! caught-by: scores_the_groups_at_the_same_time_on_separate_threads

pub fn total_score<F>(documents: &[&str], threads: usize, score: F) -> u64
where
    F: Fn(&str) -> u64 + Sync,
{
    let group_size = documents.len().div_ceil(threads.max(1)).max(1);
    let score = &score;
    std::thread::scope(|scope| {
        // Iterators are lazy: each thread is spawned, then joined, before the next one starts.
        documents
            .chunks(group_size)
            .map(|group| scope.spawn(move || group.iter().map(|doc| score(doc)).sum::<u64>()))
            .map(|worker| worker.join().unwrap())
            .sum()
    })
}
