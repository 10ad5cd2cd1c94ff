//! Listing 9-2: FastAPI's `Depends()` as axum extractors: shared state, an API-key
//! extractor, and tests that build the router with their own state.

use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::routing::get;
use axum::{Router, body::Body, http::Request};
use std::collections::HashMap;
use std::sync::Arc;
use tower::ServiceExt;

// ANCHOR: state
/// What every handler may depend on, built once at start-up and cloned (cheaply,
/// `Arc`s) into each request. A test builds its own.
#[derive(Clone)]
struct AppState {
    /// API key → the client's name.
    api_keys: Arc<HashMap<String, String>>,
    /// Product → units in stock.
    stock: Arc<HashMap<String, u32>>,
}

fn app(state: AppState) -> Router {
    Router::new()
        .route("/stock/{product}", get(units_in_stock))
        .with_state(state)
}
// ANCHOR_END: state

// ANCHOR: extractor
/// The client that sent the request, known by its `x-api-key` header: the
/// equivalent of `client: Client = Depends(current_client)`.
struct Client {
    name: String,
}

impl FromRequestParts<AppState> for Client {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let key = parts
            .headers
            .get("x-api-key")
            .and_then(|value| value.to_str().ok())
            .ok_or((StatusCode::UNAUTHORIZED, "missing x-api-key header"))?;
        let name = state
            .api_keys
            .get(key)
            .ok_or((StatusCode::UNAUTHORIZED, "unknown API key"))?;
        Ok(Client { name: name.clone() })
    }
}
// ANCHOR_END: extractor

// ANCHOR: handler
/// Runs only if every extractor succeeded: a request without a valid key is
/// answered by `Client`'s rejection, and this body never runs.
async fn units_in_stock(
    client: Client,
    State(state): State<AppState>,
    Path(product): Path<String>,
) -> Result<String, StatusCode> {
    let units = state.stock.get(&product).ok_or(StatusCode::NOT_FOUND)?;
    Ok(format!("{}: {units} {product} in stock", client.name))
}
// ANCHOR_END: handler

// ANCHOR: main
fn production_state() -> AppState {
    let keys = [("k-7f3a", "Corner Shop")];
    let stock = [("kettles", 12), ("teapots", 3)];
    AppState {
        api_keys: Arc::new(keys.map(|(k, v)| (k.into(), v.into())).into()),
        stock: Arc::new(stock.map(|(k, v)| (k.into(), v)).into()),
    }
}

#[tokio::main]
async fn main() {
    let app = app(production_state());
    let requests = [
        (None, "kettles"),
        (Some("guess"), "kettles"),
        (Some("k-7f3a"), "kettles"),
        (Some("k-7f3a"), "spoons"),
    ];
    for (key, product) in requests {
        let (status, text) = get_stock(&app, key, product).await;
        let line = format!("key {key:?}, {product}: {} {text}", status.as_u16());
        println!("{}", line.trim_end());
    }
}

/// One GET through the router, in process: no socket, no port.
async fn get_stock(
    app: &Router,
    key: Option<&str>,
    product: &str,
) -> (StatusCode, String) {
    let mut request = Request::get(format!("/stock/{product}"));
    if let Some(key) = key {
        request = request.header("x-api-key", key);
    }
    let request = request.body(Body::empty()).expect("a valid request");
    let response = app
        .clone()
        .oneshot(request)
        .await
        .expect("the router never fails");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .expect("a small body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    /// The test's own dependencies: one known key, an empty shelf. Nothing global
    /// is patched, so tests running in parallel cannot see each other's state.
    fn test_state() -> AppState {
        AppState {
            api_keys: Arc::new([("test-key".into(), "Test Client".into())].into()),
            stock: Arc::new([("kettles".into(), 0)].into()),
        }
    }

    #[tokio::test]
    async fn the_router_uses_the_state_it_was_built_with() {
        let app = app(test_state());
        let (status, text) = get_stock(&app, Some("test-key"), "kettles").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(text, "Test Client: 0 kettles in stock");
        // The production key means nothing to the test router.
        let (status, _) = get_stock(&app, Some("k-7f3a"), "kettles").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    #[tokio::test]
    async fn a_request_without_a_key_never_reaches_the_handler() {
        let app = app(test_state());
        let (status, text) = get_stock(&app, None, "spoons").await;
        // 401 from the extractor, not 404 from the handler's lookup.
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(text, "missing x-api-key header");
    }
    // ANCHOR_END: tests

    // ANCHOR: twice
    /// axum keeps no per-request cache of extractor results: a type that a handler
    /// asks for twice is extracted twice. (FastAPI calls a dependency used twice in
    /// one request once.)
    #[tokio::test]
    async fn an_extractor_asked_for_twice_runs_twice() {
        use std::sync::atomic::{AtomicUsize, Ordering};

        struct Counted;
        impl FromRequestParts<Arc<AtomicUsize>> for Counted {
            type Rejection = StatusCode;

            async fn from_request_parts(
                _parts: &mut Parts,
                calls: &Arc<AtomicUsize>,
            ) -> Result<Self, StatusCode> {
                calls.fetch_add(1, Ordering::SeqCst);
                Ok(Counted)
            }
        }
        async fn handler(_first: Counted, _second: Counted) {}

        let calls = Arc::new(AtomicUsize::new(0));
        let app = Router::new()
            .route("/", get(handler))
            .with_state(Arc::clone(&calls));
        let request = Request::get("/").body(Body::empty()).unwrap();
        app.oneshot(request).await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }
    // ANCHOR_END: twice
}
