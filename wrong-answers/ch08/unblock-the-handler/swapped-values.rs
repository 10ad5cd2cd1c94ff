//! Puts the stock where the price goes and the price where the stock goes.
//!
//! kind: wrong-value
//! caught-by: answers_each_item_with_its_own_price_and_stock

pub async fn quote<U: Upstream>(
    State(upstream): State<Arc<U>>,
    Path(item): Path<String>,
) -> Result<String, (StatusCode, String)> {
    let (stock, price) =
        tokio::try_join!(upstream.price(&item), upstream.stock(&item))
            .map_err(|error| refusal(&item, error))?;
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
