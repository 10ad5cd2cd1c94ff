//! Awaits each check in turn instead of checking every service at once.
//!
//! kind: sequential
//! caught-by: a_failed_check_does_not_cut_the_others_short

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
    // Each check starts only when the previous one has answered.
    let mut results = Vec::new();
    for &service in services {
        results.push(check(service).await);
    }
    results
}
