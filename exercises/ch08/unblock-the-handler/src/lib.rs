//! # Exercise 8.1: unblock the quote handler
//!
//! A shop's `GET /quote/{item}` endpoint answers with an item's price and how many
//! are in stock. It asks two upstream services, the pricing service and the
//! warehouse, through [`Upstream`], which has a blocking client and an async client
//! for each. The handler below was ported from a Flask app and still calls the
//! *blocking* clients, one after the other: under load it behaves like the article's
//! `time.sleep` inside `async def`.
//!
//! Rewrite [`quote`] so that:
//! - it never blocks the runtime's thread: it awaits the async clients and never
//!   calls a `_blocking` one (the server may run on a runtime with a single thread,
//!   and the checks do);
//! - it asks both services at the same time: a request takes as long as the slower
//!   of its two lookups, not their sum;
//! - a success is answered `200 OK` with the text
//!   `"{item}: {price} cents, {stock} in stock"`;
//! - as soon as one service fails, the request is answered with that failure, as
//!   [`refusal`] words it (`404 Not Found` for an unknown item, `502 Bad Gateway`
//!   for an unavailable service), without waiting for the other service;
//! - once a request is answered, or dropped because its client went away, none of
//!   its lookups is still running.
//!
//! Run `cargo xtask check ch08-unblock-the-handler` to see what the checks verify.

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

/// Answers `"{item}: {price} cents, {stock} in stock"`, or the first failure.
pub async fn quote<U: Upstream>(
    State(upstream): State<Arc<U>>,
    Path(item): Path<String>,
) -> Result<String, (StatusCode, String)> {
    // TODO: this blocks the runtime's thread twice in a row. Await the async
    // clients instead, both at the same time, and answer the first failure at once.
    let price = upstream
        .price_blocking(&item)
        .map_err(|error| refusal(&item, error))?;
    let stock = upstream
        .stock_blocking(&item)
        .map_err(|error| refusal(&item, error))?;
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
