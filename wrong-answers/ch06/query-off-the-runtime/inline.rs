//! Calls the query straight from the async method: it is `async`, so it looks
//! non-blocking, but the runtime's thread runs SQLite until the answer is there.
//!
//! kind: blocking
//! caught-by: the_query_runs_on_tokios_blocking_pool

impl OrderHistory {
    pub async fn total_spent(&self, customer_id: i64) -> Result<i64, HistoryError> {
        let connection = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        total_spent_blocking(&connection, customer_id)
    }
}
