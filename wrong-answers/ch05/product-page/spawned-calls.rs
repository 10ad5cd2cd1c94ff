//! Spawns each call as a task and puts the limit on its JoinHandle: after the
//! 504, the dropped handle detaches the late call, which keeps running.
//!
//! kind: leak
//! caught-by: a_late_service_gives_504_at_the_limit_and_is_stopped

async fn ask(pool: &Pool, item: &str) -> Result<u64, PageError> {
    let service = pool.service_name();
    let (pool, item) = (pool.clone(), item.to_owned());
    let call = tokio::spawn(async move { pool.get(&item).await });
    match timeout(PER_CALL_LIMIT, call).await {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(reason))) => Err(PageError::Failed(service, reason)),
        Ok(Err(join_error)) => std::panic::resume_unwind(join_error.into_panic()),
        Err(_elapsed) => Err(PageError::Late(service)),
    }
}
