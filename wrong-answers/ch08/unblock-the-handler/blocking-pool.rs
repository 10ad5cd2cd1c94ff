//! Moves the blocking clients to tokio's blocking pool, two threads per request,
//! instead of awaiting the async clients.
//!
//! kind: more-than-asked
//! caught-by: the_blocking_clients_are_never_called

pub async fn quote<U: Upstream>(
    State(upstream): State<Arc<U>>,
    Path(item): Path<String>,
) -> Result<String, (StatusCode, String)> {
    let price = tokio::task::spawn_blocking({
        let (upstream, item) = (Arc::clone(&upstream), item.clone());
        move || upstream.price_blocking(&item)
    });
    let stock = tokio::task::spawn_blocking({
        let (upstream, item) = (Arc::clone(&upstream), item.clone());
        move || upstream.stock_blocking(&item)
    });
    let (price, stock) = tokio::join!(price, stock);
    let price = price
        .expect("the pricing client panicked")
        .map_err(|error| refusal(&item, error))?;
    let stock = stock
        .expect("the warehouse client panicked")
        .map_err(|error| refusal(&item, error))?;
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
