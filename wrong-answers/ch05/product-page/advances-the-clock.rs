//! Races each call against tokio::time::advance(limit), which moves the clock of
//! the tests instead of waiting for the limit to pass.
//!
//! kind: clock-gaming
//! caught-by: builds-without-test-util

async fn ask(pool: &Pool, item: &str) -> Result<u64, PageError> {
    let service = pool.service_name();
    tokio::select! {
        biased;
        answer = pool.get(item) => {
            answer.map_err(|reason| PageError::Failed(service, reason))
        }
        () = tokio::time::advance(PER_CALL_LIMIT) => Err(PageError::Late(service)),
    }
}
