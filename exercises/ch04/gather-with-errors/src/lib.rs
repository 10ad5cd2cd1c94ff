//! # Exercise 4.1: check every service, errors included
//!
//! A status page asks every backend service for its health. Some services are down,
//! and the page must still list every service, with an error for those that did not
//! answer. In Python this is `await asyncio.gather(*(check(service) for service in
//! services), return_exceptions=True)`.
//!
//! Write [`check_all`]: call `check` once for each entry of `services` and run all
//! those checks **at the same time**, however many services there are (no batches,
//! no limit), then return one result per entry, in the order of `services`.
//! - A failed check is a value in the result (`Err`), and it does not cut the other
//!   checks short: wait for every one of them.
//! - Each entry is checked exactly once, failed ones included: a status page reports
//!   what it saw, it does not retry.
//! - Several replicas of one service share a `name`; they are different entries
//!   (their `host` differs), and each gets its own result.
//! - If the caller stops waiting (drops the future of `check_all`, as a timeout
//!   does), no check keeps running, as in Python, where cancelling a `gather` cancels
//!   the awaitables it was given.
//! - No services: an empty result, at once.
//!
//! Run `cargo xtask check ch04-gather-with-errors` to see what the checks verify.

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
    // TODO: start every check at once and wait for all of them, errors included.
    let _ = (services, check);
    todo!("check every service at the same time")
}
