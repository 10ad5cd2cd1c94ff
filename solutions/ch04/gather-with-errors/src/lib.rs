//! # Exercise 4.1: check every service, errors included (solution)

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
    // `join_all` polls every check from this one task and keeps the input order.
    // Each check already returns a `Result`, so an error is just one more value in
    // the Vec.
    futures::future::join_all(services.iter().map(Service::check)).await
}
