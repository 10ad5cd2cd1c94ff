//! Spawns both lookups and checks in a loop whether they have finished, yielding
//! to the other tasks in between (like `await asyncio.sleep(0)` in a loop).
//!
//! kind: busy-wait
//! caught-by: waiting_for_the_services_does_not_spin

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
    while !(price.is_finished() && stock.is_finished()) {
        tokio::task::yield_now().await;
    }
    let price = price
        .await
        .expect("the pricing lookup panicked")
        .map_err(|error| refusal(&item, error))?;
    let stock = stock
        .await
        .expect("the warehouse lookup panicked")
        .map_err(|error| refusal(&item, error))?;
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
