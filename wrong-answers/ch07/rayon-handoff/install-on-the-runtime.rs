//! Calls pool.install from the async function: the scores are computed on the
//! pool, but the runtime's thread waits for them, blocked, and no other task runs.
//!
//! kind: blocking
//! caught-by: the_runtime_keeps_running_while_the_scores_are_computed

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
    pool.install(|| {
        catch_unwind(AssertUnwindSafe(|| {
            documents
                .par_iter()
                .map(|document| score(document))
                .collect()
        }))
    })
    .map_err(|_| ScoringPanicked)
}
