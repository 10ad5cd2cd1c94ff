// A connection to a database server, modelled on sqlx's: one query at a time, so
// every query borrows the connection mutably (sqlx implements its `Executor` for
// `&mut SqliteConnection`, `&mut PgConnection`, ...).
struct Connection;

impl Connection {
    async fn fetch_total(&mut self, _query: &str) -> i64 {
        0 // the real one writes the query to a socket and awaits the answer
    }
}

async fn dashboard(connection: &mut Connection) -> (i64, i64, i64) {
    tokio::join!(
        connection.fetch_total("SELECT COUNT(*) FROM orders"),
        connection.fetch_total("SELECT SUM(amount_cents) FROM orders"),
        connection.fetch_total("SELECT COUNT(*) FROM out_of_stock"),
    )
}

fn main() {
    let _ = dashboard;
}
