//! Starts the query on the blocking pool, then checks `is_finished` in a loop,
//! yielding between checks: the task is polled again and again while it waits.
//!
//! kind: busy-wait
//! caught-by: waits_for_the_query_without_polling_it

impl OrderHistory {
    pub async fn total_spent(&self, customer_id: i64) -> Result<i64, HistoryError> {
        let connection = self.connection.clone();
        let query = tokio::task::spawn_blocking(move || {
            let connection = connection.lock().unwrap_or_else(|e| e.into_inner());
            total_spent_blocking(&connection, customer_id)
        });
        while !query.is_finished() {
            tokio::task::yield_now().await;
        }
        match query.await {
            Ok(total) => total,
            Err(crashed) => Err(HistoryError::Database(crashed.to_string())),
        }
    }
}
