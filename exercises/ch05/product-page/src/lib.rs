//! # Exercise 5.2: two services at once, 504 when one is late
//!
//! A shop's product page needs a price from the pricing service and a stock
//! level from the inventory service. In FastAPI you would share one
//! `httpx.AsyncClient` per service, `asyncio.gather` the two calls, and wrap each in
//! `asyncio.timeout(0.25)`.
//!
//! Write [`app`]: a router with `GET /products/{item}` that asks both services
//! about `item`.
//! - Open one [`Pool`] per service with [`Service::open_pool`], once, when `app`
//!   is called, and use those pools for every request. A pool plays the part of
//!   `reqwest::Client`: opening one per request opens new connections every time.
//! - Ask both services at the same time. Each call has its own limit of 250 ms.
//! - Both answer in time: `200 OK` with `{"item": item, "cents": <the price>,
//!   "in_stock": <the stock level>}`, as soon as the slower one answers. An answer
//!   exactly at 250 ms is in time.
//! - A call is late: `504 Gateway Timeout` with
//!   `{"detail": "<service> did not answer within 250 ms"}`, where `<service>` is
//!   the late service's [`Service::name`], answered at 250 ms. The late call is
//!   stopped then: it must never finish.
//! - A call fails with `Err(reason)`: `502 Bad Gateway` with
//!   `{"detail": "<service> failed: <reason>"}`, answered at once, without waiting
//!   for the other call, which is stopped.
//!
//! Check your work with `cargo xtask check ch05-product-page`.

use axum::Router;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a service gives for one item: a number, or the reason it failed.
pub type Answer = Pin<Box<dyn Future<Output = Result<u64, String>> + Send>>;

/// An internal service. The checks build them; your code only opens pools.
#[derive(Clone)]
pub struct Service {
    name: &'static str,
    ask: Arc<dyn Fn(String) -> Answer + Send + Sync>,
    pools_opened: Arc<AtomicUsize>,
}

impl Service {
    /// A service called `name` that answers `ask(item)`.
    pub fn new(
        name: &'static str,
        ask: impl Fn(String) -> Answer + Send + Sync + 'static,
    ) -> Self {
        let pools_opened = Arc::default();
        Service {
            name,
            ask: Arc::new(ask),
            pools_opened,
        }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Opens a connection pool to this service (the checks count them).
    pub fn open_pool(&self) -> Pool {
        self.pools_opened.fetch_add(1, Ordering::SeqCst);
        Pool {
            service: self.clone(),
        }
    }

    /// How many pools were opened to this service so far.
    pub fn pools_opened(&self) -> usize {
        self.pools_opened.load(Ordering::SeqCst)
    }
}

/// A connection pool to one service, like `reqwest::Client`: clones share it.
#[derive(Clone)]
pub struct Pool {
    service: Service,
}

impl Pool {
    /// Asks the service about `item`.
    pub async fn get(&self, item: &str) -> Result<u64, String> {
        (self.service.ask)(item.to_owned()).await
    }

    /// The name of the service this pool talks to.
    pub fn service_name(&self) -> &'static str {
        self.service.name
    }
}

/// The product page: `GET /products/{item}`.
pub fn app(pricing: Service, inventory: Service) -> Router {
    // TODO: open one pool per service, put them in the router's state, and
    // write the handler.
    let _ = (pricing, inventory);
    todo!("build the router")
}
