//! # Exercise 4.1: check every service, errors included (solution)

use std::future::Future;
use std::time::Duration;

/// One entry of the status page: a service, on one host.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Service {
    /// The service's name, shared by its replicas (`"search"`).
    pub name: &'static str,
    /// The host this replica runs on (`"search-2.internal"`).
    pub host: &'static str,
}

/// A healthy service's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Health {
    pub host: &'static str,
    pub answered_in: Duration,
}

/// Why a health check failed.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckError {
    Unreachable { host: &'static str },
}

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
    // `join_all` polls every check from this one task and keeps the input order.
    // Each check already returns a `Result`, so an error is one more value in the
    // Vec. Dropping the `JoinAll` (the caller giving up) drops every check in it.
    futures::future::join_all(services.iter().map(|&service| check(service))).await
}
