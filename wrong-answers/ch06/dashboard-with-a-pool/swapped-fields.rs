//! Destructures try_join!'s tuple in another order than the queries were given:
//! the revenue shows as the number of orders.
//!
//! kind: wrong-value
//! caught-by: three_connections_run_the_three_queries_at_once

pub async fn dashboard<P: Pool>(pool: &P) -> Result<Dashboard, DbError> {
    let (revenue_today_cents, orders_today, out_of_stock) = tokio::try_join!(
        fetch_on_own_connection(pool, ORDERS_TODAY),
        fetch_on_own_connection(pool, REVENUE_TODAY),
        fetch_on_own_connection(pool, OUT_OF_STOCK),
    )?;
    Ok(Dashboard {
        orders_today,
        revenue_today_cents,
        out_of_stock,
    })
}
