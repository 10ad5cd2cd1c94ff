//! Listing 9-1: a Pydantic model in Rust: serde for the shape, garde for the rules,
//! and an extractor that answers 422 with every broken rule, as FastAPI does.

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use garde::Validate;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

// ANCHOR: model
/// The body of `POST /sign-ups`. serde checks the shape (fields and their types),
/// garde the rules on the values, like `Field(min_length=3, max_length=20)`.
#[derive(Debug, Deserialize, Validate)]
struct SignUp {
    #[garde(length(chars, min = 3, max = 20))]
    username: String,
    #[garde(range(min = 18, max = 130))]
    age: u32,
}
// ANCHOR_END: model

// ANCHOR: extractor
/// A JSON body that is also valid: the handler never sees a `T` that breaks its
/// rules.
struct ValidJson<T>(T);

impl<S, T> FromRequest<S> for ValidJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate<Context = ()>,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        // The shape first: axum's own rejection (status, message) if it fails.
        let Json(body) =
            Json::<T>::from_request(request, state)
                .await
                .map_err(|rejection| {
                    let detail = vec![error("body", &rejection.body_text())];
                    problem(rejection.status(), detail)
                })?;
        // Then every rule at once, as Pydantic reports every broken constraint.
        body.validate().map_err(|report| {
            let detail = report
                .iter()
                .map(|(path, broken)| {
                    error(&format!("body.{path}"), broken.message())
                })
                .collect();
            problem(StatusCode::UNPROCESSABLE_ENTITY, detail)
        })?;
        Ok(ValidJson(body))
    }
}

/// One entry of the `detail` list: where (`body.age`) and what.
fn error(location: &str, message: &str) -> Value {
    let loc: Vec<&str> = location.split('.').collect();
    json!({ "loc": loc, "msg": message })
}

fn problem(status: StatusCode, detail: Vec<Value>) -> Response {
    (status, Json(json!({ "detail": detail }))).into_response()
}
// ANCHOR_END: extractor

// ANCHOR: handler
async fn sign_up(ValidJson(sign_up): ValidJson<SignUp>) -> (StatusCode, String) {
    let welcome = format!("welcome, {} ({})", sign_up.username, sign_up.age);
    (StatusCode::CREATED, welcome)
}

fn app() -> Router {
    Router::new().route("/sign-ups", post(sign_up))
}
// ANCHOR_END: handler

// ANCHOR: main
#[tokio::main]
async fn main() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("../../sign-ups.json"))
            .expect("sign-ups.json is a list of cases");
    for case in &cases {
        let (status, lines) =
            post_sign_up(case["body"].as_str().expect("a body")).await;
        println!(
            "{}: {}",
            case["case"].as_str().expect("a name"),
            status.as_u16()
        );
        for line in lines {
            println!("  {line}");
        }
    }
    // Pydantic's TypeAdapter(list[SignUp]): serde reads any type, garde checks a
    // Vec.
    let many: Vec<SignUp> = serde_json::from_str(
        r#"[{"username": "ada", "age": 36}, {"username": "x", "age": 36}]"#,
    )
    .expect("the shape is right");
    for (path, broken) in many.validate().expect_err("item 1 is too short").iter() {
        println!("a list: {path}: {broken}");
    }
}

/// Sends one body through the router, in process (no socket, no port), and returns
/// the status with one line per `detail` entry (`body.age: lower than 18`), or the
/// plain text of a success.
async fn post_sign_up(body: &str) -> (StatusCode, Vec<String>) {
    use tower::ServiceExt;
    let request = axum::http::Request::post("/sign-ups")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_owned()))
        .expect("a valid request");
    let response = app()
        .oneshot(request)
        .await
        .expect("the router never fails");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .expect("a small body");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let Ok(problem) = serde_json::from_str::<Value>(&text) else {
        return (status, vec![text]);
    };
    let lines = problem["detail"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|entry| {
            let loc: Vec<&str> = entry["loc"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            format!("{}: {}", loc.join("."), entry["msg"].as_str().unwrap_or(""))
        })
        .collect();
    (status, lines)
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    #[tokio::test]
    async fn every_broken_rule_is_reported_in_one_answer() {
        let (status, lines) = post_sign_up(r#"{"username": "al", "age": 12}"#).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            lines,
            [
                "body.age: lower than 18",
                "body.username: length is lower than 3"
            ]
        );
    }

    #[tokio::test]
    async fn a_valid_body_reaches_the_handler() {
        let (status, lines) =
            post_sign_up(r#"{"username": "ada", "age": 36}"#).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(lines, ["welcome, ada (36)"]);
    }

    #[tokio::test]
    async fn length_counts_characters_not_bytes() {
        // "Zoë" is 3 characters and 4 bytes: as in Python, it is long enough.
        let (status, _) = post_sign_up(r#"{"username": "Zoë", "age": 30}"#).await;
        assert_eq!(status, StatusCode::CREATED);
    }

    /// For every case of sign-ups.json: a broken rule is reported at the locations
    /// Pydantic reports, all of them; a body of the wrong shape gets one error, which
    /// names the first field Pydantic flags.
    #[tokio::test]
    async fn the_same_inputs_flag_the_same_fields_as_pydantic() {
        let python = include_str!("../../python/signup-validation.output.txt");
        let cases: Vec<Value> =
            serde_json::from_str(include_str!("../../sign-ups.json"))
                .expect("sign-ups.json is a list of cases");
        for case in &cases {
            let name = case["case"].as_str().expect("a name");
            let mut flagged = pydantic_locations(python, name);
            let (status, lines) =
                post_sign_up(case["body"].as_str().expect("a body")).await;
            assert_eq!(flagged.is_empty(), status.is_success(), "{name}: {lines:?}");
            if status.is_success() {
                continue;
            }
            let mut located: Vec<&str> = lines
                .iter()
                .filter_map(|line| line.split_once(": "))
                .map(|(location, _)| location)
                .collect();
            if located == ["body"] {
                // The shape: serde's one message names the first field that failed.
                let first = flagged[0].rsplit('.').next().expect("a location");
                let named = [format!("{first}: "), format!("`{first}`")];
                assert!(
                    named.iter().any(|field| lines[0].contains(field.as_str())),
                    "{name}: Pydantic flags {first} first, Rust says {lines:?}"
                );
            } else {
                located.sort_unstable();
                flagged.sort_unstable();
                assert_eq!(located, flagged, "{name}");
            }
        }
    }

    /// The locations the Python program printed for one case (`  body.age: …`).
    fn pydantic_locations(output: &str, case: &str) -> Vec<String> {
        output
            .lines()
            .skip_while(|line| !line.starts_with(&format!("{case}: ")))
            .skip(1)
            .take_while(|line| line.starts_with("  "))
            .filter_map(|line| line.trim().split_once(": "))
            .map(|(location, _)| location.to_owned())
            .collect()
    }
    // ANCHOR_END: tests
}
