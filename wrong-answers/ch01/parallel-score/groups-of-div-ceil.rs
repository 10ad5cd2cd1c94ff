//! Cuts the documents with `chunks(len.div_ceil(threads))`: right when the count
//! divides evenly, but 10 documents on 4 threads become groups of 3, 3, 3 and 1,
//! and 9 documents only 3 groups.
//!
//! kind: friendly-inputs
//! caught-by: shares_the_documents_evenly

pub fn total_score<F>(documents: &[&str], threads: NonZeroUsize, score: F) -> u64
where
    F: Fn(&str) -> u64 + Sync,
{
    let group_size = documents.len().div_ceil(threads.get()).max(1);
    let score = &score;
    std::thread::scope(|scope| {
        let workers: Vec<_> = documents
            .chunks(group_size)
            .map(|group| scope.spawn(move || group.iter().map(|doc| score(doc)).sum::<u64>()))
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap()).sum()
    })
}
