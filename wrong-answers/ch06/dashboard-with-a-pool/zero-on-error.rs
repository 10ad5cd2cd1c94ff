//! Shows 0 for a number whose query failed, so that the page still renders: the
//! dashboard then claims there was no revenue today.
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
        orders_today: orders_today.unwrap_or(0),
        revenue_today_cents: revenue_today_cents.unwrap_or(0),
        out_of_stock: out_of_stock.unwrap_or(0),
    })
}
