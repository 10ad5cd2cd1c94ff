//! # Exercise 5.1: JSON in, FastAPI's errors out (a solution)
//!
//! A shop's clients were written against a FastAPI service: they read every
//! error from a `422` answer's `detail` list. Rewrite its `POST /orders` in axum
//! so that they notice no difference.
//!
//! Write [`app`]: a router with `POST /orders`, whose body is a [`NewOrder`] in
//! JSON.
//! - A good order, with a `quantity` from 1 to 100 (both included), gets
//!   `201 Created` and the order back as JSON: `{"item": ..., "quantity": ...}`.
//! - Every bad request gets `422 Unprocessable Entity` and a JSON body with one
//!   entry in its `detail` list, `{"detail": [{"type": ..., "loc": [...],
//!   "msg": ...}]}`:
//!
//!   - the `Content-Type` is missing or not JSON: `"type": "content_type"`,
//!     `"loc": ["body"]`, `"msg"`: axum's message;
//!   - the body is not valid JSON: `"type": "json_invalid"`, `"loc": ["body"]`,
//!     `"msg"`: axum's message;
//!   - valid JSON that is not a `NewOrder` (a field missing, a wrong type):
//!     `"type": "json_type"`, `"loc": ["body"]`, `"msg"`: axum's message;
//!   - `quantity` below 1 or above 100: `"type": "out_of_range"`,
//!     `"loc": ["body", "quantity"]`, `"msg": "quantity must be from 1 to 100"`.
//!
//! "axum's message" is the text axum's own `Json` extractor answers for that
//! mistake (what its rejection's `body_text()` gives). Any JSON content type is
//! accepted, as axum's `Json` accepts it: `application/json`, with parameters
//! such as `; charset=utf-8`, or with a `+json` suffix.
//!
//! Check your work with `cargo xtask check ch05-fastapi-errors`.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The body of `POST /orders`, and the answer to a good one.
#[derive(Debug, Deserialize, Serialize)]
pub struct NewOrder {
    pub item: String,
    pub quantity: u32,
}

/// A 422 answer with one entry in FastAPI's `detail` list.
type FastApiError = (StatusCode, Json<Value>);

fn fastapi_error(kind: &str, loc: Value, msg: String) -> FastApiError {
    let detail = json!([{ "type": kind, "loc": loc, "msg": msg }]);
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(json!({ "detail": detail })),
    )
}

/// axum's `Json`, with its rejections turned into FastAPI's 422.
pub struct FastApiJson<T>(pub T);

impl<S, T> FromRequest<S> for FastApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = axum::response::Response;

    async fn from_request(
        request: Request,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        let rejection = match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => return Ok(FastApiJson(value)),
            Err(rejection) => rejection,
        };
        let kind = match &rejection {
            JsonRejection::MissingJsonContentType(_) => "content_type",
            JsonRejection::JsonSyntaxError(_) => "json_invalid",
            JsonRejection::JsonDataError(_) => "json_type",
            // A kind a later axum adds (the enum is non_exhaustive): its own answer.
            _ => return Err(rejection.into_response()),
        };
        let loc = json!(["body"]);
        Err(fastapi_error(kind, loc, rejection.body_text()).into_response())
    }
}

async fn create_order(
    FastApiJson(order): FastApiJson<NewOrder>,
) -> Result<(StatusCode, Json<NewOrder>), FastApiError> {
    if !(1..=100).contains(&order.quantity) {
        let loc = json!(["body", "quantity"]);
        let msg = "quantity must be from 1 to 100".to_owned();
        return Err(fastapi_error("out_of_range", loc, msg));
    }
    Ok((StatusCode::CREATED, Json(order)))
}

/// The orders service: `POST /orders`.
pub fn app() -> Router {
    Router::new().route("/orders", post(create_order))
}
