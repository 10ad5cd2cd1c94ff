//! Awaits the two async lookups one after the other.
//!
//! kind: sequential
//! caught-by: each_request_takes_as_long_as_its_slower_service

pub async fn quote<U: Upstream>(
    State(upstream): State<Arc<U>>,
    Path(item): Path<String>,
) -> Result<String, (StatusCode, String)> {
    let price = upstream
        .price(&item)
        .await
        .map_err(|error| refusal(&item, error))?;
    let stock = upstream
        .stock(&item)
        .await
        .map_err(|error| refusal(&item, error))?;
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
