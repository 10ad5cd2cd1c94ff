//! # Exercise 5.3: a blocking client that does not stall the server
//!
//! The exchange-rate provider ships only a blocking SDK, [`RatesSdk`]: each call
//! holds its thread until the provider answers, like `requests.get`. In FastAPI
//! you would write the endpoint as a plain `def`, and FastAPI would run it on its
//! thread pool. axum has no such path: you say where the call runs.
//!
//! Write [`app`]: a router with two routes.
//! - `GET /health` answers `200 OK` with the text `ok`.
//! - `GET /rates/{currency}` calls [`RatesSdk::rate`] with `currency` as given:
//!   - `Ok(rate)`: `200 OK` with `{"currency": currency, "rate": rate}`;
//!   - `Err(reason)`: `502 Bad Gateway` with
//!     `{"detail": "rates failed: <reason>"}`;
//!   - the SDK panics (it has bugs): `500 Internal Server Error` with
//!     `{"detail": "rates crashed"}`, and the server goes on serving.
//!
//! The SDK is never called on the runtime's threads: while a call waits, the
//! runtime serves everything else, `/health` included. The provider's licence
//! allows 2 calls at once: when more requests come, 2 calls run at the same time
//! and the other requests wait for a free slot, without checking in a loop. A call
//! cannot be stopped once it runs: when a client gives up on its request, its call
//! still counts against the two until it ends.
//!
//! Check your work with `cargo xtask check ch05-legacy-rates`.

use axum::Router;
use std::sync::Arc;

/// How the checks simulate the provider: a currency in, a rate or a reason out.
type RateLookup = dyn Fn(&str) -> Result<f64, String> + Send + Sync;

/// The provider's blocking SDK. The checks build it; your code calls `rate`.
#[derive(Clone)]
pub struct RatesSdk {
    rate: Arc<RateLookup>,
}

impl RatesSdk {
    pub fn new(
        rate: impl Fn(&str) -> Result<f64, String> + Send + Sync + 'static,
    ) -> Self {
        RatesSdk {
            rate: Arc::new(rate),
        }
    }

    /// The rate of `currency`. Blocks the calling thread until the provider
    /// answers; may panic.
    pub fn rate(&self, currency: &str) -> Result<f64, String> {
        (self.rate)(currency)
    }
}

/// The rates service: `GET /health` and `GET /rates/{currency}`.
pub fn app(sdk: RatesSdk) -> Router {
    // TODO: the two routes, with the SDK (and whatever limits its calls) in the
    // router's state.
    let _ = sdk;
    todo!("build the router")
}
