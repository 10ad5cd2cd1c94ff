//! Waits for the threads by checking every 10 ms whether all have finished, with a
//! sleep between the checks, instead of joining them.
//!
//! kind: busy-wait
//! caught-by: waits_for_its_threads_without_spinning

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
        while !workers.iter().all(|worker| worker.is_finished()) {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        workers.into_iter().map(|worker| worker.join().unwrap()).sum()
    })
}
