//! Takes one connection and runs the three queries on it: `&mut` allows only one
//! at a time, so they queue on that connection while two others sit idle.
//!
//! kind: sequential
//! caught-by: three_connections_run_the_three_queries_at_once

pub async fn dashboard<P: Pool>(pool: &P) -> Result<Dashboard, DbError> {
    let mut connection = pool.acquire().await?;
    Ok(Dashboard {
        orders_today: connection.fetch_number(ORDERS_TODAY).await?,
        revenue_today_cents: connection.fetch_number(REVENUE_TODAY).await?,
        out_of_stock: connection.fetch_number(OUT_OF_STOCK).await?,
    })
}
