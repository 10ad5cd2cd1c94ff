//! # Exercise 5.3: a blocking client that does not stall the server (a solution)
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

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::Semaphore;

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

/// The provider's licence: calls at the same time.
const CALLS_AT_ONCE: usize = 2;

#[derive(Clone)]
struct Rates {
    sdk: RatesSdk,
    slots: Arc<Semaphore>,
}

enum RatesError {
    Failed(String),
    Crashed,
}

impl IntoResponse for RatesError {
    fn into_response(self) -> Response {
        let (status, detail) = match self {
            RatesError::Failed(reason) => {
                (StatusCode::BAD_GATEWAY, format!("rates failed: {reason}"))
            }
            RatesError::Crashed => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "rates crashed".to_owned(),
            ),
        };
        (status, Json(json!({ "detail": detail }))).into_response()
    }
}

async fn rate(
    State(rates): State<Rates>,
    Path(currency): Path<String>,
) -> Result<Json<Value>, RatesError> {
    // Waits for a slot as a task: no thread is held meanwhile.
    let slot = rates.slots.clone().acquire_owned().await;
    let slot = slot.expect("the semaphore is never closed");
    let sdk = rates.sdk.clone();
    let asked = currency.clone();
    let call = tokio::task::spawn_blocking(move || {
        // Held until the call ends, panics included.
        let _slot = slot;
        sdk.rate(&asked)
    });
    match call.await {
        Ok(Ok(rate)) => Ok(Json(json!({ "currency": currency, "rate": rate }))),
        Ok(Err(reason)) => Err(RatesError::Failed(reason)),
        // The closure panicked (or the runtime is shutting down).
        Err(_join_error) => Err(RatesError::Crashed),
    }
}

/// The rates service: `GET /health` and `GET /rates/{currency}`.
pub fn app(sdk: RatesSdk) -> Router {
    let slots = Arc::new(Semaphore::new(CALLS_AT_ONCE));
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/rates/{currency}", get(rate))
        .with_state(Rates { sdk, slots })
}
