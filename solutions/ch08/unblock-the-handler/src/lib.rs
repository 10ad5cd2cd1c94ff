//! # Exercise 8.1: unblock the quote handler (solution)

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use std::sync::Arc;

/// Why a service could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// The service does not know the item.
    UnknownItem,
    /// The service is down or overloaded; the text says why.
    Unavailable(String),
}

/// The two upstream services. The checks bring their own, with latencies and
/// answers of their choosing.
pub trait Upstream: Send + Sync + 'static {
    /// The price of `item` in cents, from the pricing service. Blocks the calling
    /// thread until the service answers.
    fn price_blocking(&self, item: &str) -> Result<u64, LookupError>;

    /// Units of `item` in stock, from the warehouse. Blocks the calling thread until
    /// the service answers.
    fn stock_blocking(&self, item: &str) -> Result<u32, LookupError>;

    /// The price of `item` in cents, from the pricing service.
    fn price(
        &self,
        item: &str,
    ) -> impl Future<Output = Result<u64, LookupError>> + Send;

    /// Units of `item` in stock, from the warehouse.
    fn stock(
        &self,
        item: &str,
    ) -> impl Future<Output = Result<u32, LookupError>> + Send;
}

/// The shop's router, sharing one `Upstream` between all requests.
pub fn app<U: Upstream>(upstream: Arc<U>) -> Router {
    Router::new()
        .route("/quote/{item}", get(quote::<U>))
        .with_state(upstream)
}

/// The answer to a request for `item` when a lookup failed.
pub fn refusal(item: &str, error: LookupError) -> (StatusCode, String) {
    match error {
        LookupError::UnknownItem => {
            (StatusCode::NOT_FOUND, format!("unknown item: {item}"))
        }
        LookupError::Unavailable(why) => (
            StatusCode::BAD_GATEWAY,
            format!("upstream unavailable: {why}"),
        ),
    }
}

// ANCHOR: handler
/// Answers `"{item}: {price} cents, {stock} in stock"`, or the first failure.
pub async fn quote<U: Upstream>(
    State(upstream): State<Arc<U>>,
    Path(item): Path<String>,
) -> Result<String, (StatusCode, String)> {
    // Both lookups are polled by this one task: while they wait, the thread serves
    // other requests, and the two waits overlap. The first `Err` ends the wait and
    // drops the other lookup; so does dropping this future (the client went away).
    let (price, stock) =
        tokio::try_join!(upstream.price(&item), upstream.stock(&item))
            .map_err(|error| refusal(&item, error))?;
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
// ANCHOR_END: handler
