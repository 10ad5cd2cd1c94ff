//! Takes the body with axum's own `Json`, as a first axum handler does, so the
//! bad inputs get axum's answers (400, 415, 422 with plain text), not FastAPI's.
//!
//! kind: error-handling
//! caught-by: malformed_json_gets_422_json_invalid

async fn create_order(
    Json(order): Json<NewOrder>,
) -> Result<(StatusCode, Json<NewOrder>), FastApiError> {
    if !(1..=100).contains(&order.quantity) {
        let loc = json!(["body", "quantity"]);
        let msg = "quantity must be from 1 to 100".to_owned();
        return Err(fastapi_error("out_of_range", loc, msg));
    }
    Ok((StatusCode::CREATED, Json(order)))
}
