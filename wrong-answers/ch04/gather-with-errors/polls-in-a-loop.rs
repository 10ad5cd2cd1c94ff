//! Polls every check in turn with now_or_never, yielding between rounds, until all
//! have answered.
//!
//! kind: busy-wait
//! caught-by: waits_for_the_checks_without_spinning

use futures::FutureExt;

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
    // Polls the checks again and again instead of waiting to be woken.
    let mut checks: Vec<_> = services
        .iter()
        .map(|&service| Box::pin(check(service)))
        .collect();
    let mut results: Vec<Option<Result<Health, CheckError>>> =
        vec![None; checks.len()];
    while results.iter().any(Option::is_none) {
        for (check, result) in checks.iter_mut().zip(&mut results) {
            if result.is_none() {
                *result = check.as_mut().now_or_never();
            }
        }
        tokio::task::yield_now().await;
    }
    results.into_iter().flatten().collect()
}
