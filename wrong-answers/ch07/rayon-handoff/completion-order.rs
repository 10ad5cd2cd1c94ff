//! Sends each score through a channel as soon as it is computed and collects them
//! as they arrive: right only when the documents happen to finish in order.
//!
//! kind: friendly-inputs
//! caught-by: scores_every_document_in_order

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
        let scores = catch_unwind(AssertUnwindSafe(|| {
            let (send, finished) = std::sync::mpsc::channel();
            documents.par_iter().for_each_with(send, |send, document| {
                let _ = send.send(score(document));
            });
            finished.into_iter().collect::<Vec<_>>()
        }));
        let _ = reply.send(scores);
    });
    match answer.await {
        Ok(Ok(scores)) => Ok(scores),
        Ok(Err(_)) | Err(_) => Err(ScoringPanicked),
    }
}
