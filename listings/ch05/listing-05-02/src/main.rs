//! Listing 5-2: what axum answers to bad input, and an extractor that answers the
//! way FastAPI does: 422 with a `detail` list.

use axum::body::Body;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::routing::post;
use axum::{Json, Router};
use http_body_util::BodyExt;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tower::ServiceExt;

#[derive(Deserialize)]
pub struct NewOrder {
    pub item: String,
    pub quantity: u32,
}

// ANCHOR: plain
/// axum's own `Json` extractor: its rejection is the response.
async fn create_order(Json(order): Json<NewOrder>) -> String {
    format!("{} x {}", order.quantity, order.item)
}
// ANCHOR_END: plain

// ANCHOR: fastapi_json
/// `Json<T>` with FastAPI's error shape: every rejection becomes
/// `422 {"detail": [{"type": ..., "loc": ["body"], "msg": ...}]}`.
pub struct FastApiJson<T>(pub T);

impl<S, T> FromRequest<S> for FastApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = (StatusCode, Json<Value>);

    async fn from_request(
        request: Request,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let rejection = match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => return Ok(FastApiJson(value)),
            Err(rejection) => rejection,
        };
        // JsonRejection is `#[non_exhaustive]`: a later axum may add kinds.
        let kind = match &rejection {
            JsonRejection::JsonSyntaxError(_) => "json_syntax",
            JsonRejection::JsonDataError(_) => "json_data",
            JsonRejection::MissingJsonContentType(_) => "content_type",
            _ => "body",
        };
        let detail = json!([{
            "type": kind,
            "loc": ["body"],
            // axum's message, which names the field when serde knows it.
            "msg": rejection.body_text(),
        }]);
        Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "detail": detail })),
        ))
    }
}

async fn create_order_fastapi_style(
    FastApiJson(order): FastApiJson<NewOrder>,
) -> String {
    format!("{} x {}", order.quantity, order.item)
}
// ANCHOR_END: fastapi_json

pub fn app() -> Router {
    Router::new()
        .route("/orders", post(create_order))
        .route("/fastapi-style/orders", post(create_order_fastapi_style))
}

// ANCHOR: bad_inputs
/// Four bad bodies and a good one: (what is wrong, content type, body).
pub const INPUTS: [(&str, &str, &str); 5] = [
    (
        "good",
        "application/json",
        r#"{"item": "teapot", "quantity": 2}"#,
    ),
    (
        "malformed JSON",
        "application/json",
        r#"{"item": "teapot", "#,
    ),
    ("missing field", "application/json", r#"{"item": "teapot"}"#),
    (
        "wrong type",
        "application/json",
        r#"{"item": "teapot", "quantity": "two"}"#,
    ),
    (
        "wrong content type",
        "text/plain",
        r#"{"item": "teapot", "quantity": 2}"#,
    ),
];
// ANCHOR_END: bad_inputs

/// Posts `body` to `uri` in-process and returns the status and the body's text.
pub async fn post_to(
    uri: &str,
    content_type: &str,
    body: &str,
) -> (StatusCode, String) {
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body.to_owned()))
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// Prints `text` after `indent`, broken at spaces into lines of at most 80
/// columns, so that the output fits the book's page.
fn print_wrapped(indent: &str, text: &str) {
    let mut line = String::new();
    for word in text.split(' ') {
        let too_long = indent.len() + line.len() + 1 + word.len() > 80;
        if !line.is_empty() && too_long {
            println!("{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    println!("{indent}{line}");
}

#[tokio::main]
async fn main() {
    for uri in ["/orders", "/fastapi-style/orders"] {
        println!("POST {uri}");
        for (what, content_type, body) in INPUTS {
            let (status, answer) = post_to(uri, content_type, body).await;
            println!("  {what:<18} -> {status}");
            print_wrapped("    ", &answer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    #[tokio::test]
    async fn axum_tells_apart_syntax_data_and_content_type() {
        let expected = [
            (StatusCode::OK, "2 x teapot"),
            (
                StatusCode::BAD_REQUEST,
                "Failed to parse the request body as JSON",
            ),
            (StatusCode::UNPROCESSABLE_ENTITY, "missing field `quantity`"),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "quantity: invalid type: string",
            ),
            (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Expected request with `Content-Type: application/json`",
            ),
        ];
        for ((what, content_type, body), (status, text)) in
            INPUTS.iter().zip(expected)
        {
            let answer = post_to("/orders", content_type, body).await;
            assert_eq!(answer.0, status, "{what}");
            assert!(answer.1.contains(text), "{what}: {}", answer.1);
        }
    }

    #[tokio::test]
    async fn the_fastapi_style_extractor_answers_422_with_a_detail_list() {
        let kinds = ["json_syntax", "json_data", "json_data", "content_type"];
        for ((what, content_type, body), kind) in INPUTS[1..].iter().zip(kinds) {
            let (status, text) =
                post_to("/fastapi-style/orders", content_type, body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}");
            let answer: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(answer["detail"][0]["type"], kind, "{what}");
            assert_eq!(answer["detail"][0]["loc"], json!(["body"]), "{what}");
        }
    }
    // ANCHOR_END: tests
}
