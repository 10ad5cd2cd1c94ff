//! # Exercise 4.1: check every service, errors included
//!
//! A status page asks every backend service for its health. Some services are down,
//! and the page must still list every service, with an error for those that did not
//! answer. In Python this is `await asyncio.gather(*checks,
//! return_exceptions=True)`.
//!
//! Write [`check_all`]: check every service **at the same time**, wait for all of
//! them (a failed check must not cut the others short), and return one result per
//! service, in the order of `services`.
//!
//! The checks (`cargo test -p ch04-gather-with-errors`) run on tokio's paused clock
//! and verify:
//! - one result per service, in the order of the input, with each error kept as a
//!   value;
//! - the whole check takes as long as the slowest service, even when a faster one
//!   fails;
//! - 1,000 services answering within 1 s are all checked after exactly 1 s.

use std::time::Duration;

/// A backend service. Its health check answers after `latency`, or fails if it is
/// `down`.
#[derive(Debug, Clone)]
pub struct Service {
    pub name: &'static str,
    pub latency: Duration,
    pub down: bool,
}

/// A healthy service's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Health {
    pub service: &'static str,
    pub answered_in: Duration,
}

/// Why a health check failed.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckError {
    Unreachable { service: &'static str },
}

impl Service {
    /// Asks the service for its health. The network wait is simulated with
    /// `tokio::time::sleep`.
    pub async fn check(&self) -> Result<Health, CheckError> {
        tokio::time::sleep(self.latency).await;
        if self.down {
            Err(CheckError::Unreachable { service: self.name })
        } else {
            Ok(Health {
                service: self.name,
                answered_in: self.latency,
            })
        }
    }
}

/// Checks every service concurrently and returns one result per service, in input
/// order.
pub async fn check_all(services: &[Service]) -> Vec<Result<Health, CheckError>> {
    // TODO: start every check at once and wait for all of them, errors included.
    let _ = services;
    todo!("check every service at the same time")
}
