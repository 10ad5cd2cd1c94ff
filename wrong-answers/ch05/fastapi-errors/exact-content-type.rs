//! Compares the Content-Type header with the one string "application/json", so a
//! client that sends `; charset=utf-8` or a `+json` type is refused.
//!
//! kind: friendly-inputs
//! caught-by: every_json_content_type_is_accepted

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
        let content_type = request.headers().get(axum::http::header::CONTENT_TYPE);
        if content_type.is_none_or(|value| value != "application/json") {
            let msg = "Expected request with `Content-Type: application/json`";
            let loc = json!(["body"]);
            return Err(
                fastapi_error("content_type", loc, msg.to_owned()).into_response()
            );
        }
        let rejection = match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => return Ok(FastApiJson(value)),
            Err(rejection) => rejection,
        };
        let kind = match &rejection {
            JsonRejection::JsonSyntaxError(_) => "json_invalid",
            JsonRejection::JsonDataError(_) => "json_type",
            _ => return Err(rejection.into_response()),
        };
        let loc = json!(["body"]);
        Err(fastapi_error(kind, loc, rejection.body_text()).into_response())
    }
}
