//! Listing 5-4: a handler that asks two upstreams at once, each with its own time
//! limit, and answers 504 when one is late. The upstreams are simulated by
//! `tokio::time::sleep`, so the paused clock makes every time exact.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use http_body_util::BodyExt;
use serde::Serialize;
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};
use tower::ServiceExt;

// ANCHOR: upstream
/// A stand-in for a service behind a `reqwest::Client`: it answers `value` after
/// `latency`, or fails if `value` is `None`.
#[derive(Clone)]
pub struct Upstream {
    pub name: &'static str,
    pub latency: Duration,
    pub value: Option<u64>,
}

impl Upstream {
    async fn fetch(&self, _item: &str) -> Result<u64, GatewayError> {
        sleep(self.latency).await;
        self.value.ok_or(GatewayError::Failed(self.name))
    }
}
// ANCHOR_END: upstream

// ANCHOR: error
pub enum GatewayError {
    TimedOut(&'static str),
    Failed(&'static str),
}

impl IntoResponse for GatewayError {
    fn into_response(self) -> Response {
        let (status, detail) = match self {
            GatewayError::TimedOut(name) => (
                StatusCode::GATEWAY_TIMEOUT,
                format!("{name} did not answer within {PER_CALL_LIMIT:?}"),
            ),
            GatewayError::Failed(name) => {
                (StatusCode::BAD_GATEWAY, format!("{name} failed"))
            }
        };
        (status, Json(serde_json::json!({ "detail": detail }))).into_response()
    }
}
// ANCHOR_END: error

// ANCHOR: handler
pub const PER_CALL_LIMIT: Duration = Duration::from_millis(300);

#[derive(Clone)]
pub struct Upstreams {
    pub pricing: Upstream,
    pub inventory: Upstream,
}

#[derive(Serialize)]
pub struct ProductPage {
    cents: u64,
    in_stock: u64,
}

/// One call with its own limit: `asyncio.wait_for(call, 0.3)`.
async fn limited(upstream: &Upstream, item: &str) -> Result<u64, GatewayError> {
    match timeout(PER_CALL_LIMIT, upstream.fetch(item)).await {
        Ok(answer) => answer,
        Err(_elapsed) => Err(GatewayError::TimedOut(upstream.name)),
    }
}

async fn product_page(
    State(upstreams): State<Upstreams>,
    Path(item): Path<String>,
) -> Result<Json<ProductPage>, GatewayError> {
    // Both calls run at once; the first error cancels the other one.
    let (cents, in_stock) = tokio::try_join!(
        limited(&upstreams.pricing, &item),
        limited(&upstreams.inventory, &item),
    )?;
    Ok(Json(ProductPage { cents, in_stock }))
}
// ANCHOR_END: handler

// ANCHOR: sequential
/// The same calls one after another: each waits for the previous one.
async fn product_page_sequential(
    State(upstreams): State<Upstreams>,
    Path(item): Path<String>,
) -> Result<Json<ProductPage>, GatewayError> {
    let cents = limited(&upstreams.pricing, &item).await?;
    let in_stock = limited(&upstreams.inventory, &item).await?;
    Ok(Json(ProductPage { cents, in_stock }))
}
// ANCHOR_END: sequential

pub fn app(upstreams: Upstreams) -> Router {
    Router::new()
        .route("/products/{item}", get(product_page))
        .route("/sequential/products/{item}", get(product_page_sequential))
        .with_state(upstreams)
}

pub fn upstreams(pricing_ms: u64, inventory_ms: u64) -> Upstreams {
    Upstreams {
        pricing: Upstream {
            name: "pricing",
            latency: Duration::from_millis(pricing_ms),
            value: Some(1999),
        },
        inventory: Upstream {
            name: "inventory",
            latency: Duration::from_millis(inventory_ms),
            value: Some(12),
        },
    }
}

/// Calls the app in-process and returns the status, the body and the time taken
/// on tokio's clock.
pub async fn get_timed(app: Router, uri: &str) -> (StatusCode, String, Duration) {
    let started = Instant::now();
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = String::from_utf8(bytes.to_vec()).unwrap();
    (status, body, started.elapsed())
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let cases = [
        ("both in time", upstreams(80, 120), "/products/teapot"),
        (
            "both in time",
            upstreams(80, 120),
            "/sequential/products/teapot",
        ),
        ("inventory late", upstreams(80, 5000), "/products/teapot"),
    ];
    for (what, upstreams, uri) in cases {
        let (status, body, took) = get_timed(app(upstreams), uri).await;
        println!("{what:<15} GET {uri} -> {status} after {took:?}");
        println!("  {body}");
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    #[tokio::test(start_paused = true)]
    async fn the_calls_overlap_so_the_page_takes_as_long_as_the_slower_one() {
        let (status, _, took) =
            get_timed(app(upstreams(80, 120)), "/products/teapot").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(took, Duration::from_millis(120));
        let uri = "/sequential/products/teapot";
        let (_, _, took) = get_timed(app(upstreams(80, 120)), uri).await;
        assert_eq!(took, Duration::from_millis(200));
    }

    #[tokio::test(start_paused = true)]
    async fn a_late_upstream_gives_504_exactly_at_the_limit() {
        let (status, body, took) =
            get_timed(app(upstreams(80, 5000)), "/products/teapot").await;
        assert_eq!(status, StatusCode::GATEWAY_TIMEOUT);
        assert!(
            body.contains("inventory did not answer within 300ms"),
            "{body}"
        );
        assert_eq!(took, PER_CALL_LIMIT);
    }

    #[tokio::test(start_paused = true)]
    async fn a_failed_upstream_gives_502_without_waiting_for_the_other() {
        let mut failing = upstreams(5000, 50);
        failing.inventory.value = None;
        let (status, _, took) = get_timed(app(failing), "/products/teapot").await;
        assert_eq!(status, StatusCode::BAD_GATEWAY);
        assert_eq!(took, Duration::from_millis(50));
    }
    // ANCHOR_END: tests
}
