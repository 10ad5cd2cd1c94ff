//! # Exercise 3.1: three fetches at once
//!
//! A dashboard page needs a user's profile, orders and recommendations, from three
//! backend services. Awaiting them one after another costs the sum of their
//! latencies; the article's `asyncio.gather` costs the longest one.
//!
//! Write [`load_dashboard`]: fetch the three **at the same time** from one task, and
//! return the first error if any fetch fails.
//!
//! The checks (`cargo test -p ch03-concurrent-fetches`) run on tokio's paused clock
//! and verify:
//! - the dashboard holds what the three services returned;
//! - with latencies of 300, 200 and 100 ms, it is ready after exactly 300 ms (in
//!   sequence: 600);
//! - if the orders service fails after 200 ms, the error comes back (not a panic,
//!   not an empty list), after exactly 200 ms: like `gather`, stop at the first
//!   failure instead of waiting for the slower fetches.

use std::time::Duration;

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    Unavailable { service: &'static str },
}

/// The three backend services, each with its latency, and whether the orders service
/// is down.
#[derive(Debug, Clone)]
pub struct Backend {
    pub profile_latency: Duration,
    pub orders_latency: Duration,
    pub recommendations_latency: Duration,
    pub orders_down: bool,
}

impl Backend {
    pub async fn profile(&self, user: &str) -> Result<String, FetchError> {
        tokio::time::sleep(self.profile_latency).await;
        Ok(format!("{user} (member since 2019)"))
    }

    pub async fn orders(&self, user: &str) -> Result<Vec<u32>, FetchError> {
        tokio::time::sleep(self.orders_latency).await;
        if self.orders_down {
            return Err(FetchError::Unavailable { service: "orders" });
        }
        Ok(vec![user.len() as u32, 1042, 1043])
    }

    pub async fn recommendations(
        &self,
        user: &str,
    ) -> Result<Vec<String>, FetchError> {
        tokio::time::sleep(self.recommendations_latency).await;
        Ok(vec![format!("a book for {user}"), "a kettle".to_string()])
    }
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub profile: String,
    pub orders: Vec<u32>,
    pub recommendations: Vec<String>,
}

/// Fetches the three parts of `user`'s dashboard concurrently.
pub async fn load_dashboard(
    backend: &Backend,
    user: &str,
) -> Result<Dashboard, FetchError> {
    // TODO: fetch profile, orders and recommendations at the same time; return the
    // first error.
    let _ = (backend, user);
    todo!("three fetches at once")
}
