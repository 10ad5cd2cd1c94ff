//! Lets a panic in the scoring escape to the pool and unwraps the channel: the
//! caller panics when the sender is dropped (and with rayon's default handler the
//! whole process aborts first).
//!
//! kind: error-handling
//! caught-by: a_panicking_score_is_an_error

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
        let scores: Vec<u64> = documents
            .par_iter()
            .map(|document| score(document))
            .collect();
        let _ = reply.send(scores);
    });
    Ok(answer.await.expect("the pool sends the scores"))
}
