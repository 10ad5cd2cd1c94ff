//! Wrong answer to exercise 4.1: the failed checks are left out of the results.

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
    // The failed checks are filtered out instead of being kept as values.
    futures::future::join_all(services.iter().map(Service::check))
        .await
        .into_iter()
        .filter(Result::is_ok)
        .collect()
}
