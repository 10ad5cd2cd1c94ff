//! Keeps the blocking clients and joins them in `async` blocks, as if `join!` made
//! them run at the same time.
//!
//! kind: blocking
//! caught-by: the_blocking_clients_are_never_called

pub async fn quote<U: Upstream>(
    State(upstream): State<Arc<U>>,
    Path(item): Path<String>,
) -> Result<String, (StatusCode, String)> {
    let (price, stock) =
        tokio::join!(async { upstream.price_blocking(&item) }, async {
            upstream.stock_blocking(&item)
        });
    let price = price.map_err(|error| refusal(&item, error))?;
    let stock = stock.map_err(|error| refusal(&item, error))?;
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
