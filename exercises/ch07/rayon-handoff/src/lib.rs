//! # Exercise 7.2: score on rayon, await the answer
//!
//! A search service ranks documents for each query: it scores every document, pure
//! CPU work, then sorts them. In Python the scoring would go to a
//! `ProcessPoolExecutor`; in Rust a rayon pool does it on one thread per core,
//! inside the same process. Write [`score_all`]:
//!
//! - Score every document with `score`, in parallel on `pool`: on its threads,
//!   all of them, and on no other thread (not the runtime's, not tokio's blocking
//!   pool, not rayon's global pool).
//! - While the scores are computed, the runtime keeps running its other tasks:
//!   `score_all` awaits the answer, handed back through a
//!   `tokio::sync::oneshot` channel; it never waits for rayon on the runtime's
//!   thread.
//! - The scores come back in the order of `documents` (the same document may
//!   appear twice).
//! - No documents: an empty `Vec`.
//! - If `score` panics on a document, return `Err(ScoringPanicked)`: neither a
//!   panic in the caller nor a panic that escapes to the pool (by default, rayon
//!   aborts the whole process when a spawned job panics).
//!
//! Check your work with `cargo xtask check ch07-rayon-handoff`.

use rayon::ThreadPool;
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
    // TODO: hand the scoring to the pool, and await its answer.
    let _ = (pool, documents, score);
    todo!("score the documents on the pool")
}
