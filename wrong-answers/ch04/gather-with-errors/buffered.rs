//! Checks the services through a stream that keeps at most ten checks running, to be
//! gentle on the network.
//!
//! kind: edge-case
//! caught-by: checks_a_thousand_services_in_the_time_of_the_slowest

use futures::StreamExt;

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
    // Order kept and errors kept, but never more than ten checks at once.
    futures::stream::iter(services)
        .map(|&service| check(service))
        .buffered(10)
        .collect()
        .await
}
