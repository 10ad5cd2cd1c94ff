//! Keeps the blocking clients and moves tokio's clock forward by a latency, so that
//! the paused-clock checks see the time they expect.
//!
//! kind: clock-gaming
//! caught-by: builds-without-test-util

pub async fn quote<U: Upstream>(
    State(upstream): State<Arc<U>>,
    Path(item): Path<String>,
) -> Result<String, (StatusCode, String)> {
    let price = upstream
        .price_blocking(&item)
        .map_err(|error| refusal(&item, error))?;
    let stock = upstream
        .stock_blocking(&item)
        .map_err(|error| refusal(&item, error))?;
    tokio::time::advance(std::time::Duration::from_millis(100)).await;
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
