//! Writes the 504's detail for the case it was tried with, a slow inventory: a
//! late pricing service is reported as inventory.
//!
//! kind: friendly-inputs
//! caught-by: a_late_service_gives_504_at_the_limit_and_is_stopped

async fn ask(pool: &Pool, item: &str) -> Result<u64, PageError> {
    let service = pool.service_name();
    match timeout(PER_CALL_LIMIT, pool.get(item)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(reason)) => Err(PageError::Failed(service, reason)),
        Err(_elapsed) => Err(PageError::Late("inventory")),
    }
}
