//! Holds the slot in the async handler instead of in the blocking call: when a
//! client gives up, the handler is dropped and frees the slot while its call
//! still runs, so more than two calls run at once.
//!
//! kind: more-than-asked
//! caught-by: a_request_given_up_keeps_its_slot_until_its_call_ends

async fn rate(
    State(rates): State<Rates>,
    Path(currency): Path<String>,
) -> Result<Json<Value>, RatesError> {
    let _slot = rates
        .slots
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let sdk = rates.sdk.clone();
    let asked = currency.clone();
    let call = tokio::task::spawn_blocking(move || sdk.rate(&asked));
    match call.await {
        Ok(Ok(rate)) => Ok(Json(json!({ "currency": currency, "rate": rate }))),
        Ok(Err(reason)) => Err(RatesError::Failed(reason)),
        Err(_join_error) => Err(RatesError::Crashed),
    }
}
