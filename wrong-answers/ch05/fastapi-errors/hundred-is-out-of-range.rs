//! Checks the range with `1..100`, which leaves out 100: the largest legal
//! quantity is refused.
//!
//! kind: edge-case
//! caught-by: quantities_from_1_to_100_are_accepted_and_no_others

async fn create_order(
    FastApiJson(order): FastApiJson<NewOrder>,
) -> Result<(StatusCode, Json<NewOrder>), FastApiError> {
    if !(1..100).contains(&order.quantity) {
        let loc = json!(["body", "quantity"]);
        let msg = "quantity must be from 1 to 100".to_owned();
        return Err(fastapi_error("out_of_range", loc, msg));
    }
    Ok((StatusCode::CREATED, Json(order)))
}
