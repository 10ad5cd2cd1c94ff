//! Checks a service that failed once more before reporting it down, because
//! health checks are flaky.
//!
//! kind: more-than-asked
//! caught-by: each_service_is_checked_exactly_once

/// Checks every service at the same time with `check`, and returns one result per
/// service, in the order of `services`.
pub async fn check_all<Check, Answer>(
    services: &[Service],
    check: Check,
) -> Vec<Result<Health, CheckError>>
where
    Check: Fn(Service) -> Answer,
    Answer: Future<Output = Result<Health, CheckError>>,
{
    // A second chance for every failed check: more checks than the page asked for.
    let check = &check;
    futures::future::join_all(services.iter().map(|&service| async move {
        match check(service).await {
            Ok(health) => Ok(health),
            Err(_) => check(service).await,
        }
    }))
    .await
}
