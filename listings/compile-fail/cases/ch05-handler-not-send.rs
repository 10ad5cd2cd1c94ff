// A visit counter that also writes each visit to a slow audit log, while it still
// holds the std Mutex's guard. The handler's future is not `Send`, and axum says
// only that the function is not a handler.
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn write_audit_log(visit: u64) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("visit {visit} logged");
}

async fn count_visit(State(visits): State<Arc<Mutex<u64>>>) -> String {
    let mut count = visits.lock().unwrap();
    *count += 1;
    write_audit_log(*count).await;
    format!("visit {count}")
}

fn main() {
    let visits = Arc::new(Mutex::new(0));
    let _app: Router = Router::new()
        .route("/visits", get(count_visit))
        .with_state(visits);
}
