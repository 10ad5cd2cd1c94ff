//! Joins both lookups and only then looks at their errors, so it waits for the
//! second service after the first has already failed.
//!
//! kind: more-than-asked
//! caught-by: a_failure_is_answered_without_waiting_for_the_other_service

pub async fn quote<U: Upstream>(
    State(upstream): State<Arc<U>>,
    Path(item): Path<String>,
) -> Result<String, (StatusCode, String)> {
    let (price, stock) = tokio::join!(upstream.price(&item), upstream.stock(&item));
    let price = price.map_err(|error| refusal(&item, error))?;
    let stock = stock.map_err(|error| refusal(&item, error))?;
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
