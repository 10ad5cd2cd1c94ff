//! # Exercise 5.2: two services at once, 504 when one is late (a solution)
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

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::time::timeout;

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

const PER_CALL_LIMIT: Duration = Duration::from_millis(250);

/// Built once by `app`, cloned into every request: the clones share the pools.
#[derive(Clone)]
struct Pools {
    pricing: Pool,
    inventory: Pool,
}

enum PageError {
    Late(&'static str),
    Failed(&'static str, String),
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, detail) = match self {
            PageError::Late(service) => (
                StatusCode::GATEWAY_TIMEOUT,
                format!("{service} did not answer within 250 ms"),
            ),
            PageError::Failed(service, reason) => (
                StatusCode::BAD_GATEWAY,
                format!("{service} failed: {reason}"),
            ),
        };
        (status, Json(json!({ "detail": detail }))).into_response()
    }
}

/// One call with its own limit. `timeout` polls the call before its timer, so an
/// answer exactly at the limit is in time.
async fn ask(pool: &Pool, item: &str) -> Result<u64, PageError> {
    let service = pool.service_name();
    match timeout(PER_CALL_LIMIT, pool.get(item)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(reason)) => Err(PageError::Failed(service, reason)),
        Err(_elapsed) => Err(PageError::Late(service)),
    }
}

async fn product_page(
    State(pools): State<Pools>,
    Path(item): Path<String>,
) -> Result<Json<serde_json::Value>, PageError> {
    // At the first error, try_join! returns it and drops the other call.
    let (cents, in_stock) =
        tokio::try_join!(ask(&pools.pricing, &item), ask(&pools.inventory, &item))?;
    Ok(Json(
        json!({ "item": item, "cents": cents, "in_stock": in_stock }),
    ))
}

/// The product page: `GET /products/{item}`.
pub fn app(pricing: Service, inventory: Service) -> Router {
    let pools = Pools {
        pricing: pricing.open_pool(),
        inventory: inventory.open_pool(),
    };
    Router::new()
        .route("/products/{item}", get(product_page))
        .with_state(pools)
}
