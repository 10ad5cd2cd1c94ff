//! Uses rayon::spawn instead of the pool it was given: the scores are computed on
//! rayon's global pool, one more set of threads beside the one the service sized.
//!
//! kind: more-than-asked
//! caught-by: scores_on_every_thread_of_the_pool_and_no_other

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
    let _ = pool;
    let (reply, answer) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let scores = catch_unwind(AssertUnwindSafe(|| {
            documents
                .par_iter()
                .map(|document| score(document))
                .collect::<Vec<_>>()
        }));
        let _ = reply.send(scores);
    });
    match answer.await {
        Ok(Ok(scores)) => Ok(scores),
        Ok(Err(_)) | Err(_) => Err(ScoringPanicked),
    }
}
