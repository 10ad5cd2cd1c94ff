//! Awaits each check in turn instead of checking every service at once.
//!
//! kind: sequential
//! caught-by: a_failed_check_does_not_cut_the_others_short

/// Checks every service concurrently and returns one result per service, in input
/// order.
pub async fn check_all(services: &[Service]) -> Vec<Result<Health, CheckError>> {
    // Each check starts only when the previous one has answered.
    let mut results = Vec::new();
    for service in services {
        results.push(service.check().await);
    }
    results
}
