//! Runs the three queries one after another, each on its own connection: right
//! numbers, but the time of the three added up.
//!
//! kind: sequential
//! caught-by: three_connections_run_the_three_queries_at_once

pub async fn dashboard<P: Pool>(pool: &P) -> Result<Dashboard, DbError> {
    let orders_today = fetch_on_own_connection(pool, ORDERS_TODAY).await?;
    let revenue_today_cents = fetch_on_own_connection(pool, REVENUE_TODAY).await?;
    let out_of_stock = fetch_on_own_connection(pool, OUT_OF_STOCK).await?;
    Ok(Dashboard {
        orders_today,
        revenue_today_cents,
        out_of_stock,
    })
}
