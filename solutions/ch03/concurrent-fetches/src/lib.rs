//! # Exercise 3.1: three fetches at once (solution)

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
    // `try_join!` polls the three futures from this one task, so their waits
    // overlap, and returns the first `Err` as soon as it comes, dropping
    // (cancelling) the fetches still in flight.
    let (profile, orders, recommendations) = tokio::try_join!(
        backend.profile(user),
        backend.orders(user),
        backend.recommendations(user),
    )?;
    Ok(Dashboard {
        profile,
        orders,
        recommendations,
    })
}
