//! Assigns each thread's total to the result instead of adding it (`=` for `+=`),
//! so only the last group counts.
//!
//! kind: wrong-value
//! caught-by: adds_up_every_score

pub fn total_score<F>(documents: &[&str], threads: NonZeroUsize, score: F) -> u64
where
    F: Fn(&str) -> u64 + Sync,
{
    let groups = threads.get().min(documents.len());
    let score = &score;
    std::thread::scope(|scope| {
        let mut rest = documents;
        let mut workers = Vec::new();
        for groups_left in (1..=groups).rev() {
            let (group, later) = rest.split_at(rest.len().div_ceil(groups_left));
            rest = later;
            workers.push(scope.spawn(move || group.iter().map(|doc| score(doc)).sum::<u64>()));
        }
        let mut total = 0;
        for worker in workers {
            total = worker.join().unwrap();
        }
        total
    })
}
