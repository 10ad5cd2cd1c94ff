//! Spawns each lookup as a task and returns at the first failure, leaving the other
//! lookup running (and both of them when the client goes away).
//!
//! kind: leak
//! caught-by: no_lookup_outlives_its_request

pub async fn quote<U: Upstream>(
    State(upstream): State<Arc<U>>,
    Path(item): Path<String>,
) -> Result<String, (StatusCode, String)> {
    let price = tokio::spawn({
        let (upstream, item) = (Arc::clone(&upstream), item.clone());
        async move { upstream.price(&item).await }
    });
    let stock = tokio::spawn({
        let (upstream, item) = (Arc::clone(&upstream), item.clone());
        async move { upstream.stock(&item).await }
    });
    let (price, stock) = tokio::try_join!(
        async { price.await.expect("the pricing lookup panicked") },
        async { stock.await.expect("the warehouse lookup panicked") }
    )
    .map_err(|error| refusal(&item, error))?;
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
