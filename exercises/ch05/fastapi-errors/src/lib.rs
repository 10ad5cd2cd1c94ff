//! # Exercise 5.1: JSON in, FastAPI's errors out
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

use axum::Router;
use serde::{Deserialize, Serialize};

/// The body of `POST /orders`, and the answer to a good one.
#[derive(Debug, Deserialize, Serialize)]
pub struct NewOrder {
    pub item: String,
    pub quantity: u32,
}

/// The orders service: `POST /orders`.
pub fn app() -> Router {
    // TODO: route POST /orders to a handler whose bad input gets FastAPI's 422.
    todo!("build the router")
}
