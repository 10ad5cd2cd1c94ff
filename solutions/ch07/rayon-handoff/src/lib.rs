//! Solution to exercise 7.2: one job on the pool scores the documents with a
//! parallel iterator, catches a panic, and sends the outcome through a oneshot
//! channel that the caller awaits.

use rayon::ThreadPool;
use rayon::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

/// `score` panicked on some document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoringPanicked;

/// Scores every document on `pool`, in parallel; returns the scores in the order
/// of `documents`.
pub async fn score_all<Score>(
    pool: Arc<ThreadPool>,
    documents: Vec<String>,
    score: Score,
) -> Result<Vec<u64>, ScoringPanicked>
where
    Score: Fn(&str) -> u64 + Send + Sync + 'static,
{
    let (reply, answer) = tokio::sync::oneshot::channel();
    pool.spawn(move || {
        // A job spawned on the pool runs on one of its threads, so the parallel
        // iterator splits the work over this pool. `collect` keeps the order.
        let scores = catch_unwind(AssertUnwindSafe(|| {
            documents
                .par_iter()
                .map(|document| score(document))
                .collect::<Vec<_>>()
        }));
        // An error means the caller stopped waiting: nobody wants the scores.
        let _ = reply.send(scores);
    });
    match answer.await {
        Ok(Ok(scores)) => Ok(scores),
        // The panic was caught on the pool; the sender is dropped only if the pool
        // itself is gone.
        Ok(Err(_)) | Err(_) => Err(ScoringPanicked),
    }
}
