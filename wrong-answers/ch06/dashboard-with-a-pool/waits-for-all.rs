//! Awaits all three with join! and looks at the errors afterwards: the right
//! error, but only once the slowest query has finished.
//!
//! kind: error-handling
//! caught-by: the_first_error_is_returned_when_it_happens

pub async fn dashboard<P: Pool>(pool: &P) -> Result<Dashboard, DbError> {
    let (orders_today, revenue_today_cents, out_of_stock) = tokio::join!(
        fetch_on_own_connection(pool, ORDERS_TODAY),
        fetch_on_own_connection(pool, REVENUE_TODAY),
        fetch_on_own_connection(pool, OUT_OF_STOCK),
    );
    Ok(Dashboard {
        orders_today: orders_today?,
        revenue_today_cents: revenue_today_cents?,
        out_of_stock: out_of_stock?,
    })
}
