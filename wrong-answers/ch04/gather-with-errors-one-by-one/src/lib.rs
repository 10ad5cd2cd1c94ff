//! Wrong answer to exercise 4.1: the services are checked one after another.

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
    // Each check starts only when the previous one has answered.
    let mut results = Vec::new();
    for service in services {
        results.push(service.check().await);
    }
    results
}
