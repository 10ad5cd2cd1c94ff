//! Unwraps the JoinHandle's result, so a panic in the SDK is raised again in the
//! handler: the client gets no answer at all instead of a 500.
//!
//! kind: error-handling
//! caught-by: a_crashing_sdk_gets_500_and_the_server_goes_on

async fn rate(
    State(rates): State<Rates>,
    Path(currency): Path<String>,
) -> Result<Json<Value>, RatesError> {
    let slot = rates.slots.clone().acquire_owned().await;
    let slot = slot.expect("the semaphore is never closed");
    let sdk = rates.sdk.clone();
    let asked = currency.clone();
    let call = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        sdk.rate(&asked)
    });
    match call.await.unwrap() {
        Ok(rate) => Ok(Json(json!({ "currency": currency, "rate": rate }))),
        Err(reason) => Err(RatesError::Failed(reason)),
    }
}
