//! Unwraps rusqlite's result inside the closure: a missing table panics the
//! blocking thread, and the JoinError's panic message is all the caller gets.
//!
//! kind: error-handling
//! caught-by: a_database_failure_comes_back_as_an_error

impl OrderHistory {
    pub async fn total_spent(&self, customer_id: i64) -> Result<i64, HistoryError> {
        let connection = self.connection.clone();
        let total = tokio::task::spawn_blocking(move || {
            let connection = connection.lock().unwrap_or_else(|e| e.into_inner());
            total_spent_blocking(&connection, customer_id).unwrap()
        })
        .await
        .unwrap();
        Ok(total)
    }
}
