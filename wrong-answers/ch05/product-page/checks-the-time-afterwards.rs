//! Awaits each call to its end and only then compares the time it took with the
//! limit: the 504 is right, but it comes when the late service answers.
//!
//! kind: sequential
//! caught-by: a_late_service_gives_504_at_the_limit_and_is_stopped

async fn ask(pool: &Pool, item: &str) -> Result<u64, PageError> {
    let service = pool.service_name();
    let started = tokio::time::Instant::now();
    let answer = pool.get(item).await;
    if started.elapsed() > PER_CALL_LIMIT {
        return Err(PageError::Late(service));
    }
    answer.map_err(|reason| PageError::Failed(service, reason))
}
