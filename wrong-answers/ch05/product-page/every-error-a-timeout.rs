//! Turns every way a call can go wrong into the 504, so a service that failed at
//! once is reported as late.
//!
//! kind: error-handling
//! caught-by: a_failing_service_gives_502_at_once

async fn ask(pool: &Pool, item: &str) -> Result<u64, PageError> {
    let service = pool.service_name();
    let answer = timeout(PER_CALL_LIMIT, pool.get(item)).await;
    answer
        .ok()
        .and_then(Result::ok)
        .ok_or(PageError::Late(service))
}
