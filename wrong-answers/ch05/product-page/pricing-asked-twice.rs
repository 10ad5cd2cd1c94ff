//! Copies the pricing call for the stock level and forgets to change the pool:
//! `in_stock` holds the price.
//!
//! kind: wrong-value
//! caught-by: both_services_are_asked_at_once

async fn product_page(
    State(pools): State<Pools>,
    Path(item): Path<String>,
) -> Result<Json<serde_json::Value>, PageError> {
    let (cents, in_stock) =
        tokio::try_join!(ask(&pools.pricing, &item), ask(&pools.pricing, &item))?;
    Ok(Json(
        json!({ "item": item, "cents": cents, "in_stock": in_stock }),
    ))
}
