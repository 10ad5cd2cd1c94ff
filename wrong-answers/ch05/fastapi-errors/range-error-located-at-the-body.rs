//! Copies the `loc` of the parsing errors into the range error, so a client
//! cannot tell which field is wrong.
//!
//! kind: wrong-value
//! caught-by: quantities_from_1_to_100_are_accepted_and_no_others

async fn create_order(
    FastApiJson(order): FastApiJson<NewOrder>,
) -> Result<(StatusCode, Json<NewOrder>), FastApiError> {
    if !(1..=100).contains(&order.quantity) {
        let msg = "quantity must be from 1 to 100".to_owned();
        return Err(fastapi_error("out_of_range", json!(["body"]), msg));
    }
    Ok((StatusCode::CREATED, Json(order)))
}
