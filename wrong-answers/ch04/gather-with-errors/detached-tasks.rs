//! Spawns each check as a task and awaits the handles in order: if the caller gives
//! up, the dropped handles detach the tasks, which keep checking.
//!
//! kind: leak
//! caught-by: a_page_that_stops_waiting_stops_every_check

/// Checks every service at the same time with `check`, and returns one result per
/// service, in the order of `services`.
pub async fn check_all<Check, Answer>(
    services: &[Service],
    check: Check,
) -> Vec<Result<Health, CheckError>>
where
    Check: Fn(Service) -> Answer,
    // Added so that the checks can be spawned, as the compiler suggests.
    Answer: Future<Output = Result<Health, CheckError>> + Send + 'static,
{
    // Each check is a task of its own; awaiting the handles in order keeps the order.
    let handles: Vec<_> = services
        .iter()
        .map(|&service| tokio::spawn(check(service)))
        .collect();
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        results.push(handle.await.expect("a health check panicked"));
    }
    results
}
