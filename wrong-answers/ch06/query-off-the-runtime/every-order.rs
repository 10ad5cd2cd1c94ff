//! Forgets to bind the customer in the second query: every order of the shop is
//! added up, whoever asks.
//!
//! kind: wrong-value
//! caught-by: adds_up_each_customers_own_orders

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
        "SELECT COALESCE(SUM(amount_cents), 0) FROM orders",
        [],
        |row| row.get(0),
    )?;
    Ok(total)
}
