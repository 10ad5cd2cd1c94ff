//! Races each call against a sleep with select!, which picks a branch at random
//! when both are ready: an answer exactly at the limit sometimes gets a 504.
//!
//! kind: edge-case
//! caught-by: an_answer_exactly_at_the_limit_is_in_time

async fn ask(pool: &Pool, item: &str) -> Result<u64, PageError> {
    let service = pool.service_name();
    tokio::select! {
        answer = pool.get(item) => {
            answer.map_err(|reason| PageError::Failed(service, reason))
        }
        () = tokio::time::sleep(PER_CALL_LIMIT) => Err(PageError::Late(service)),
    }
}
