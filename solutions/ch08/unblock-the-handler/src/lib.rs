//! # Exercise 8.1: unblock the quote handler (solution)

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
    // Both futures are polled by this one task: while they wait, the thread serves
    // other requests, and the two waits overlap.
    let (price, stock) =
        tokio::join!(upstream::price(&item), upstream::stock(&item));
    format!("{item}: {price} cents, {stock} in stock")
}
