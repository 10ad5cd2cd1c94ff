//! # Exercise 3.1: three fetches at once
//!
//! A dashboard page needs a user's profile, orders and recommendations, from three
//! backend services. Awaiting them one after another costs the sum of their
//! latencies; the article's `asyncio.gather` costs the longest one.
//!
//! Write [`load_dashboard`]:
//! - ask each of the three services once, **at the same time**, from the calling
//!   task (no `tokio::spawn`, no thread): the dashboard is ready when the slowest
//!   service has answered, whichever one that is;
//! - if a fetch fails, return its error at the moment it fails, as `asyncio.gather`
//!   does, without waiting for the fetches still in flight; if several fail, the
//!   error that happened first (in time) comes back.
//!
//! The checks play the backend, with their own replies and latencies. Run
//! `cargo xtask check ch03-concurrent-fetches` to see what they verify.

use std::future::Future;

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    Unavailable { service: &'static str },
}

/// The three backend services. Each method makes the future of one request: like
/// any future, it does nothing until it is awaited (or polled).
pub trait Backend {
    fn profile(
        &self,
        user: &str,
    ) -> impl Future<Output = Result<String, FetchError>>;

    fn orders(
        &self,
        user: &str,
    ) -> impl Future<Output = Result<Vec<u32>, FetchError>>;

    fn recommendations(
        &self,
        user: &str,
    ) -> impl Future<Output = Result<Vec<String>, FetchError>>;
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
    backend: &impl Backend,
    user: &str,
) -> Result<Dashboard, FetchError> {
    // TODO: fetch profile, orders and recommendations at the same time; return the
    // first error.
    let _ = (backend, user);
    todo!("three fetches at once")
}
