//! Reads SUM's result as an i64: for a customer without orders SQL's SUM is NULL,
//! so that customer gets a database error instead of a total of 0.
//!
//! kind: edge-case
//! caught-by: a_customer_without_orders_spent_nothing

fn total_spent_blocking(
    connection: &Connection,
    customer_id: i64,
) -> Result<i64, HistoryError> {
    let known: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?1)",
        [customer_id],
        |row| row.get(0),
    )?;
    if !known {
        return Err(HistoryError::UnknownCustomer(customer_id));
    }
    let total = connection.query_row(
        "SELECT SUM(amount_cents) FROM orders WHERE customer_id = ?1",
        [customer_id],
        |row| row.get(0),
    )?;
    Ok(total)
}
