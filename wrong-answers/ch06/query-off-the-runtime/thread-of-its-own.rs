//! Starts a new OS thread for every query and awaits its answer on a oneshot
//! channel: off the runtime, but one more thread per request, with no limit.
//!
//! kind: more-than-asked
//! caught-by: the_query_runs_on_tokios_blocking_pool

impl OrderHistory {
    pub async fn total_spent(&self, customer_id: i64) -> Result<i64, HistoryError> {
        let connection = self.connection.clone();
        let (answer, answered) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            let connection = connection.lock().unwrap_or_else(|e| e.into_inner());
            let _ = answer.send(total_spent_blocking(&connection, customer_id));
        });
        answered
            .await
            .unwrap_or_else(|_| Err(HistoryError::Database("no answer".into())))
    }
}
