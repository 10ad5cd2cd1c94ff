//! Acquires the three connections first, then runs the queries together: fine
//! with three free connections, but with a pool of one the second acquire waits
//! for a connection that the first one holds, forever.
//!
//! kind: edge-case
//! caught-by: one_connection_queues_the_queries_and_still_finishes

pub async fn dashboard<P: Pool>(pool: &P) -> Result<Dashboard, DbError> {
    let mut for_orders = pool.acquire().await?;
    let mut for_revenue = pool.acquire().await?;
    let mut for_stock = pool.acquire().await?;
    let (orders_today, revenue_today_cents, out_of_stock) = tokio::try_join!(
        for_orders.fetch_number(ORDERS_TODAY),
        for_revenue.fetch_number(REVENUE_TODAY),
        for_stock.fetch_number(OUT_OF_STOCK),
    )?;
    Ok(Dashboard {
        orders_today,
        revenue_today_cents,
        out_of_stock,
    })
}
