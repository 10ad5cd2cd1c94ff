//! Collects the results in the order the checks finish, not in the order of the
//! services.
//!
//! kind: friendly-inputs
//! caught-by: returns_one_result_per_service_in_order_with_errors_as_values

use futures::StreamExt;
use futures::stream::FuturesUnordered;

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
    // Right when the services are listed fastest first, and only then.
    services
        .iter()
        .map(|&service| check(service))
        .collect::<FuturesUnordered<_>>()
        .collect()
        .await
}
