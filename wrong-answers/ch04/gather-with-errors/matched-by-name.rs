//! Takes the results as they finish and puts them back in order by service name,
//! which mixes up two replicas of one service.
//!
//! kind: friendly-inputs
//! caught-by: returns_one_result_per_service_in_order_with_errors_as_values

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use std::collections::HashMap;

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
    // Right as long as no two entries share a name.
    let check = &check;
    let by_name: HashMap<&str, Result<Health, CheckError>> = services
        .iter()
        .map(|&service| async move { (service.name, check(service).await) })
        .collect::<FuturesUnordered<_>>()
        .collect()
        .await;
    services
        .iter()
        .filter_map(|service| by_name.get(service.name).cloned())
        .collect()
}
