//! Takes a slot with `let _ = ...`, which drops the permit on the spot: the
//! semaphore never limits anything.
//!
//! kind: more-than-asked
//! caught-by: two_calls_at_once_and_no_more

async fn rate(
    State(rates): State<Rates>,
    Path(currency): Path<String>,
) -> Result<Json<Value>, RatesError> {
    let _ = rates
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
