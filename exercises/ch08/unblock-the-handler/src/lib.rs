//! # Exercise 8.1: unblock the quote handler
//!
//! A shop's `/quote/{item}` endpoint answers with an item's price and how many are
//! in stock. It asks two upstream services, each of which takes
//! [`upstream::LATENCY`] to answer. The handler below was ported from a Flask app
//! and still makes both calls with the *blocking* client: under load, it behaves
//! like the article's `time.sleep` inside `async def`.
//!
//! Rewrite [`quote`] so that it never blocks the runtime's thread, and so that one
//! request waits for both services at the same time: one request should take one
//! `LATENCY`, not two. Keep the answer's text as it is.
//!
//! The checks (`cargo test -p ch08-unblock-the-handler`) run on tokio's paused clock
//! and verify:
//! - the answer's status and text;
//! - one request takes exactly one `LATENCY` (not two: the lookups overlap);
//! - 20 requests at once on a single-threaded runtime take exactly one `LATENCY` too
//!   (nothing blocks the thread).

use axum::Router;
use axum::extract::Path;
use axum::routing::get;

/// The two upstream services, each with a blocking and an async client.
pub mod upstream {
    use std::time::Duration;

    /// How long each service takes to answer.
    pub const LATENCY: Duration = Duration::from_millis(100);

    /// The price of `item` in cents, from the pricing service (blocking client).
    pub fn price_blocking(item: &str) -> u64 {
        std::thread::sleep(LATENCY);
        price_of(item)
    }

    /// Units of `item` in stock, from the warehouse service (blocking client).
    pub fn stock_blocking(item: &str) -> u32 {
        std::thread::sleep(LATENCY);
        stock_of(item)
    }

    /// The price of `item` in cents, from the pricing service (async client).
    pub async fn price(item: &str) -> u64 {
        tokio::time::sleep(LATENCY).await;
        price_of(item)
    }

    /// Units of `item` in stock, from the warehouse service (async client).
    pub async fn stock(item: &str) -> u32 {
        tokio::time::sleep(LATENCY).await;
        stock_of(item)
    }

    // Stand-ins for the services' data.
    fn price_of(item: &str) -> u64 {
        item.len() as u64 * 250
    }

    fn stock_of(item: &str) -> u32 {
        item.bytes().map(u32::from).sum::<u32>() % 40
    }
}

/// The shop's router.
pub fn app() -> Router {
    Router::new().route("/quote/{item}", get(quote))
}

/// Answers `"{item}: {price} cents, {stock} in stock"`.
pub async fn quote(Path(item): Path<String>) -> String {
    // TODO: this blocks the runtime's thread twice in a row. Wait for both services
    // without blocking, and at the same time.
    let price = upstream::price_blocking(&item);
    let stock = upstream::stock_blocking(&item);
    format!("{item}: {price} cents, {stock} in stock")
}
