//! Tries to take a slot again and again, yielding in between, instead of waiting
//! to be woken when one is free.
//!
//! kind: busy-wait
//! caught-by: waits_for_a_slot_without_spinning

async fn rate(
    State(rates): State<Rates>,
    Path(currency): Path<String>,
) -> Result<Json<Value>, RatesError> {
    let slot = loop {
        if let Ok(slot) = rates.slots.clone().try_acquire_owned() {
            break slot;
        }
        tokio::task::yield_now().await;
    };
    let sdk = rates.sdk.clone();
    let asked = currency.clone();
    let call = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        sdk.rate(&asked)
    });
    match call.await {
        Ok(Ok(rate)) => Ok(Json(json!({ "currency": currency, "rate": rate }))),
        Ok(Err(reason)) => Err(RatesError::Failed(reason)),
        Err(_join_error) => Err(RatesError::Crashed),
    }
}
