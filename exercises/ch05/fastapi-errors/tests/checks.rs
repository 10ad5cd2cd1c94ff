use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use course_testkit::run_paused;
use fastapi_errors::app;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

const TEAPOTS: &str = r#"{"item": "teapot", "quantity": 2}"#;

/// Posts `body` to `/orders` with `content_type` (none if `None`), in-process.
fn post(
    content_type: Option<&'static str>,
    body: String,
) -> (StatusCode, Value, String) {
    run_paused(move || async move {
        let mut request = Request::post("/orders");
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let request = request.body(Body::from(body)).unwrap();
        let response = app().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::Null),
            text,
        )
    })
}

fn post_json(body: &str) -> (StatusCode, Value, String) {
    post(Some("application/json"), body.to_owned())
}

/// Asserts a 422 with exactly one detail entry of this type and loc, and returns
/// its msg.
fn assert_fastapi_error(
    what: &str,
    (status, body, text): (StatusCode, Value, String),
    kind: &str,
    loc: Value,
) -> String {
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{what}: the answer was {status} {text}, FastAPI's clients expect 422. \
         axum's own Json answers 400 or 415 for some mistakes: map its rejection \
         yourself"
    );
    let entries = body["detail"]
        .as_array()
        .unwrap_or_else(|| panic!("{what}: the body {text} has no \"detail\" list"));
    assert_eq!(
        entries.len(),
        1,
        "{what}: expected one entry in detail, got {text}"
    );
    let entry = &entries[0];
    assert_eq!(entry["type"], kind, "{what}: wrong \"type\" in {text}");
    assert_eq!(entry["loc"], loc, "{what}: wrong \"loc\" in {text}");
    entry["msg"]
        .as_str()
        .unwrap_or_else(|| panic!("{what}: no \"msg\" string in {text}"))
        .to_owned()
}

#[test]
fn a_good_order_is_created() {
    let (status, body, text) = post_json(TEAPOTS);
    assert_eq!(
        status,
        StatusCode::CREATED,
        "a good order must get 201, got {text}"
    );
    assert_eq!(body, json!({ "item": "teapot", "quantity": 2 }), "{text}");
}

#[test]
fn a_missing_or_wrong_content_type_gets_422_content_type() {
    for content_type in [None, Some("text/plain"), Some("text/json")] {
        let what = format!("Content-Type {content_type:?}");
        let answer = post(content_type, TEAPOTS.to_owned());
        let msg =
            assert_fastapi_error(&what, answer, "content_type", json!(["body"]));
        assert_eq!(
            msg, "Expected request with `Content-Type: application/json`",
            "{what}: msg must be axum's own message"
        );
    }
}

#[test]
fn every_json_content_type_is_accepted() {
    let json_types = [
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/merge-patch+json",
    ];
    for content_type in json_types {
        let (status, _, text) = post(Some(content_type), TEAPOTS.to_owned());
        assert_eq!(
            status,
            StatusCode::CREATED,
            "Content-Type {content_type} is JSON (axum's Json accepts it) but got \
             {status} {text}. Comparing the header with one string misses \
             parameters and +json types: let Json decide"
        );
    }
}

#[test]
fn malformed_json_gets_422_json_invalid() {
    for body in [r#"{"item": "teapot", "#, "item=teapot&quantity=2", ""] {
        let what = format!("the body {body:?}");
        let msg = assert_fastapi_error(
            &what,
            post_json(body),
            "json_invalid",
            json!(["body"]),
        );
        assert!(
            msg.starts_with("Failed to parse the request body as JSON"),
            "{what}: msg must be axum's message, got {msg:?}"
        );
    }
}

#[test]
fn json_that_is_not_an_order_gets_422_json_type() {
    let cases = [
        (r#"{"item": "teapot"}"#, "missing field `quantity`"),
        (r#"{"quantity": 2}"#, "missing field `item`"),
        (
            r#"{"item": "teapot", "quantity": "two"}"#,
            "invalid type: string \"two\"",
        ),
        (
            r#"{"item": "teapot", "quantity": -1}"#,
            "invalid value: integer `-1`",
        ),
        (
            r#"{"item": "teapot", "quantity": 4294967296}"#,
            "invalid value",
        ),
        (r#""teapot""#, "expected struct NewOrder"),
    ];
    for (body, fragment) in cases {
        let what = format!("the body {body}");
        let msg = assert_fastapi_error(
            &what,
            post_json(body),
            "json_type",
            json!(["body"]),
        );
        assert!(
            msg.starts_with(
                "Failed to deserialize the JSON body into the target type"
            ) && msg.contains(fragment),
            "{what}: msg must be axum's message (with {fragment:?}), got {msg:?}"
        );
    }
}

#[test]
fn quantities_from_1_to_100_are_accepted_and_no_others() {
    for quantity in [1, 100, 57] {
        let body = format!(r#"{{"item": "cup", "quantity": {quantity}}}"#);
        let (status, answer, text) = post_json(&body);
        assert_eq!(
            (status, answer),
            (
                StatusCode::CREATED,
                json!({ "item": "cup", "quantity": quantity })
            ),
            "quantity {quantity} is from 1 to 100 and must be accepted, got {text}"
        );
    }
    for quantity in [0, 101, 4_294_967_295_u32] {
        let body = format!(r#"{{"item": "cup", "quantity": {quantity}}}"#);
        let what = format!("quantity {quantity}");
        let loc = json!(["body", "quantity"]);
        let msg = assert_fastapi_error(&what, post_json(&body), "out_of_range", loc);
        assert_eq!(msg, "quantity must be from 1 to 100", "{what}");
    }
}
