//! Expects both lookups to succeed, so a failed one panics in the handler.
//!
//! kind: error-handling
//! caught-by: errors_keep_their_status_and_message

pub async fn quote<U: Upstream>(
    State(upstream): State<Arc<U>>,
    Path(item): Path<String>,
) -> Result<String, (StatusCode, String)> {
    let (price, stock) =
        tokio::try_join!(upstream.price(&item), upstream.stock(&item))
            .expect("the upstream services answered");
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
