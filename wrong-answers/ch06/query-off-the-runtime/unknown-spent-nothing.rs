//! Only adds up the orders: a customer id that does not exist has no orders
//! either, so it gets a total of 0 instead of an error.
//!
//! kind: error-handling
//! caught-by: an_unknown_customer_is_an_error

fn total_spent_blocking(
    connection: &Connection,
    customer_id: i64,
) -> Result<i64, HistoryError> {
    let total = connection.query_row(
        "SELECT COALESCE(SUM(amount_cents), 0) FROM orders WHERE customer_id = ?1",
        [customer_id],
        |row| row.get(0),
    )?;
    Ok(total)
}
