//! Computes the group sizes as `len / groups` plus one for the first `len % groups`
//! groups, which divides by zero when there are no documents (and so no groups).
//!
//! kind: edge-case
//! caught-by: no_documents_score_zero

pub fn total_score<F>(documents: &[&str], threads: NonZeroUsize, score: F) -> u64
where
    F: Fn(&str) -> u64 + Sync,
{
    let groups = threads.get().min(documents.len());
    let (base, longer) = (documents.len() / groups, documents.len() % groups);
    let score = &score;
    std::thread::scope(|scope| {
        let mut rest = documents;
        let mut workers = Vec::new();
        for index in 0..groups {
            let size = if index < longer { base + 1 } else { base };
            let (group, later) = rest.split_at(size);
            rest = later;
            workers.push(scope.spawn(move || group.iter().map(|doc| score(doc)).sum::<u64>()));
        }
        workers.into_iter().map(|worker| worker.join().unwrap()).sum()
    })
}
