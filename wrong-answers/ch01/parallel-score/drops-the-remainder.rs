//! Gives each thread `len / threads` documents, so the documents left over by the
//! division are never scored: right only when the count divides evenly.
//!
//! kind: friendly-inputs
//! caught-by: adds_up_every_score

pub fn total_score<F>(documents: &[&str], threads: NonZeroUsize, score: F) -> u64
where
    F: Fn(&str) -> u64 + Sync,
{
    let group_size = documents.len() / threads.get();
    let score = &score;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.get().min(documents.len()))
            .map(|index| {
                let group = &documents[index * group_size..(index + 1) * group_size];
                scope.spawn(move || group.iter().map(|doc| score(doc)).sum::<u64>())
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap()).sum()
    })
}
