//! Awaits the two lookups one after the other.
//!
//! kind: sequential
//! caught-by: one_request_waits_for_both_services_at_once

/// Answers `"{item}: {price} cents, {stock} in stock"`.
pub async fn quote(Path(item): Path<String>) -> String {
    let price = upstream::price(&item).await;
    let stock = upstream::stock(&item).await;
    format!("{item}: {price} cents, {stock} in stock")
}
