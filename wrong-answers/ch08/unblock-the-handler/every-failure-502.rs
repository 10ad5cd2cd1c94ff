//! Answers every failed lookup `502 Bad Gateway`, an unknown item included.
//!
//! kind: error-handling
//! caught-by: errors_keep_their_status_and_message

pub async fn quote<U: Upstream>(
    State(upstream): State<Arc<U>>,
    Path(item): Path<String>,
) -> Result<String, (StatusCode, String)> {
    let (price, stock) =
        tokio::try_join!(upstream.price(&item), upstream.stock(&item)).map_err(
            |error| {
                (
                    StatusCode::BAD_GATEWAY,
                    format!("upstream failed for {item}: {error:?}"),
                )
            },
        )?;
    Ok(format!("{item}: {price} cents, {stock} in stock"))
}
