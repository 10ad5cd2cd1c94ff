//! Cuts the documents into one chunk per thread of the pool, of len / threads
//! documents each: with fewer documents than threads the chunk size is 0, which
//! rayon refuses with a panic.
//!
//! kind: edge-case
//! caught-by: no_documents_no_scores_and_fewer_documents_than_threads

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
    let threads = pool.current_num_threads();
    let (reply, answer) = tokio::sync::oneshot::channel();
    pool.spawn(move || {
        let scores = catch_unwind(AssertUnwindSafe(|| {
            documents
                .par_chunks(documents.len() / threads)
                .flat_map_iter(|chunk| chunk.iter().map(|document| score(document)))
                .collect::<Vec<_>>()
        }));
        let _ = reply.send(scores);
    });
    match answer.await {
        Ok(Ok(scores)) => Ok(scores),
        Ok(Err(_)) | Err(_) => Err(ScoringPanicked),
    }
}
