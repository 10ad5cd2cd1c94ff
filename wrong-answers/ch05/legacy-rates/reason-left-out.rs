//! Answers the SDK's error with a fixed message, so the client never learns why
//! the rate is missing.
//!
//! kind: wrong-value
//! caught-by: a_failing_sdk_gets_502_with_its_reason

impl IntoResponse for RatesError {
    fn into_response(self) -> Response {
        let (status, detail) = match self {
            RatesError::Failed(_reason) => {
                (StatusCode::BAD_GATEWAY, "rates failed".to_owned())
            }
            RatesError::Crashed => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "rates crashed".to_owned(),
            ),
        };
        (status, Json(json!({ "detail": detail }))).into_response()
    }
}
