//! Waits for the pool's answer with try_recv in a loop that never awaits: the
//! runtime's thread spins until the scores arrive.
//!
//! kind: busy-wait
//! caught-by: waits_for_the_answer_without_spinning

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
    let (reply, mut answer) = tokio::sync::oneshot::channel();
    pool.spawn(move || {
        let scores = catch_unwind(AssertUnwindSafe(|| {
            documents
                .par_iter()
                .map(|document| score(document))
                .collect::<Vec<_>>()
        }));
        let _ = reply.send(scores);
    });
    loop {
        match answer.try_recv() {
            Ok(Ok(scores)) => return Ok(scores),
            Ok(Err(_)) => return Err(ScoringPanicked),
            Err(tokio::sync::oneshot::error::TryRecvError::Empty) => {
                std::hint::spin_loop();
            }
            Err(tokio::sync::oneshot::error::TryRecvError::Closed) => {
                return Err(ScoringPanicked);
            }
        }
    }
}
