//! Listing 5-1: a small orders service in axum, the way a FastAPI app is written:
//! routes, path and query parameters, a typed JSON body, JSON out, errors as
//! responses.

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

// ANCHOR: types
/// The body of `POST /orders`: the Pydantic model of the FastAPI version.
#[derive(Deserialize)]
pub struct NewOrder {
    pub item: String,
    pub quantity: u32,
}

/// What the service answers: `response_model=Order` in FastAPI.
#[derive(Serialize, Clone)]
pub struct Order {
    pub id: u64,
    pub item: String,
    pub quantity: u32,
}

/// `?limit=2`: a query parameter with a default, like `limit: int = 10`.
#[derive(Deserialize)]
pub struct Page {
    #[serde(default = "Page::default_limit")]
    pub limit: usize,
}

impl Page {
    fn default_limit() -> usize {
        10
    }
}
// ANCHOR_END: types

// ANCHOR: error
/// The errors a handler returns: `raise HTTPException(404, detail=...)` becomes
/// `Err(ApiError::OrderNotFound(id))`, and this impl turns it into the response.
pub enum ApiError {
    OrderNotFound(u64),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::OrderNotFound(id) => {
                let detail = format!("order {id} not found");
                let body = Json(serde_json::json!({ "detail": detail }));
                (StatusCode::NOT_FOUND, body).into_response()
            }
        }
    }
}
// ANCHOR_END: error

// ANCHOR: handlers
/// The application's state. A std `Mutex` is right here: no handler holds the
/// guard across an `.await` (chapter 4 shows why that matters).
#[derive(Clone, Default)]
pub struct Orders {
    stored: Arc<Mutex<Vec<Order>>>,
}

async fn create_order(
    State(orders): State<Orders>,
    Json(new_order): Json<NewOrder>,
) -> (StatusCode, Json<Order>) {
    let mut stored = orders.stored.lock().unwrap();
    let order = Order {
        id: stored.len() as u64 + 1,
        item: new_order.item,
        quantity: new_order.quantity,
    };
    stored.push(order.clone());
    (StatusCode::CREATED, Json(order))
}

async fn get_order(
    State(orders): State<Orders>,
    Path(id): Path<u64>,
) -> Result<Json<Order>, ApiError> {
    let stored = orders.stored.lock().unwrap();
    let found = stored.iter().find(|order| order.id == id);
    found.cloned().map(Json).ok_or(ApiError::OrderNotFound(id))
}

async fn list_orders(
    State(orders): State<Orders>,
    Query(page): Query<Page>,
) -> Json<Vec<Order>> {
    let stored = orders.stored.lock().unwrap();
    Json(stored.iter().take(page.limit).cloned().collect())
}

pub fn app() -> Router {
    Router::new()
        .route("/orders", get(list_orders).post(create_order))
        .route("/orders/{id}", get(get_order))
        .with_state(Orders::default())
}
// ANCHOR_END: handlers

// ANCHOR: main
/// Sends one request to the router in-process, as FastAPI's `TestClient` does,
/// and prints the answer.
async fn show(app: &Router, method: &str, uri: &str, json_body: Option<&str>) {
    let mut request = Request::builder().method(method).uri(uri);
    if json_body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    let body = Body::from(json_body.unwrap_or_default().to_owned());
    // `Router` is a tower `Service`: `oneshot` calls it once, with no socket.
    let response = app
        .clone()
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    println!(
        "{method} {uri} -> {status} {}",
        String::from_utf8_lossy(&bytes)
    );
}

#[tokio::main]
async fn main() {
    let app = app();
    let teapot = r#"{"item": "teapot", "quantity": 2}"#;
    show(&app, "POST", "/orders", Some(teapot)).await;
    let cups = r#"{"item": "cup", "quantity": 6}"#;
    show(&app, "POST", "/orders", Some(cups)).await;
    show(&app, "GET", "/orders/2", None).await;
    show(&app, "GET", "/orders/7", None).await;
    show(&app, "GET", "/orders?limit=1", None).await;
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: socket_test
    /// The same app behind a real socket: bound to port 0, so the OS picks a free
    /// port, and served by a task that ends with the test's runtime.
    #[tokio::test]
    async fn the_app_answers_over_a_real_socket() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app()).await.unwrap() });

        let client = reqwest::Client::new();
        let url = format!("http://{address}/orders");
        let created = client
            .post(&url)
            .json(&serde_json::json!({ "item": "kettle", "quantity": 1 }))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), reqwest::StatusCode::CREATED);
        let missing = client.get(format!("{url}/99")).send().await.unwrap();
        assert_eq!(missing.status(), reqwest::StatusCode::NOT_FOUND);
        let body: serde_json::Value = missing.json().await.unwrap();
        assert_eq!(body, serde_json::json!({ "detail": "order 99 not found" }));
    }
    // ANCHOR_END: socket_test
}
