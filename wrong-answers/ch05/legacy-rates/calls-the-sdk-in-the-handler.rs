//! Calls the blocking SDK right in the async handler, the article's
//! `requests.get` inside `async def`: the runtime's thread waits with it.
//!
//! kind: blocking
//! caught-by: the_sdk_is_called_off_the_runtime_thread

async fn rate(
    State(rates): State<Rates>,
    Path(currency): Path<String>,
) -> Result<Json<Value>, RatesError> {
    let _slot = rates
        .slots
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let call = std::panic::AssertUnwindSafe(|| rates.sdk.rate(&currency));
    match std::panic::catch_unwind(call) {
        Ok(Ok(rate)) => Ok(Json(json!({ "currency": currency, "rate": rate }))),
        Ok(Err(reason)) => Err(RatesError::Failed(reason)),
        Err(_panic) => Err(RatesError::Crashed),
    }
}
