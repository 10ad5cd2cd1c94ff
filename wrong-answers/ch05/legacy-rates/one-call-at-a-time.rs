//! Guards the SDK with a Mutex, as if it were not thread-safe: the calls run one
//! after another, never two at once.
//!
//! kind: sequential
//! caught-by: two_calls_at_once_and_no_more

async fn rate(
    State(rates): State<Rates>,
    Path(currency): Path<String>,
) -> Result<Json<Value>, RatesError> {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let sdk = rates.sdk.clone();
    let asked = currency.clone();
    let call = tokio::task::spawn_blocking(move || {
        let _turn = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        sdk.rate(&asked)
    });
    match call.await {
        Ok(Ok(rate)) => Ok(Json(json!({ "currency": currency, "rate": rate }))),
        Ok(Err(reason)) => Err(RatesError::Failed(reason)),
        Err(_join_error) => Err(RatesError::Crashed),
    }
}
