//! Awaits the price, then the stock level, like two `await`s in a row in Python:
//! each call has its limit, but the page waits for the sum of both.
//!
//! kind: sequential
//! caught-by: both_services_are_asked_at_once

async fn product_page(
    State(pools): State<Pools>,
    Path(item): Path<String>,
) -> Result<Json<serde_json::Value>, PageError> {
    let cents = ask(&pools.pricing, &item).await?;
    let in_stock = ask(&pools.inventory, &item).await?;
    Ok(Json(
        json!({ "item": item, "cents": cents, "in_stock": in_stock }),
    ))
}
