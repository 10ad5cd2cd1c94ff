//! Drops the failed checks instead of keeping each error as a value.
//!
//! kind: error-handling
//! caught-by: returns_one_result_per_service_in_order_with_errors_as_values

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
    // The failed checks are filtered out instead of being kept as values.
    futures::future::join_all(services.iter().map(|&service| check(service)))
        .await
        .into_iter()
        .filter(Result::is_ok)
        .collect()
}
