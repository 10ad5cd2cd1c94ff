// The same handler as ch05-handler-not-send.rs, with `#[axum::debug_handler]`: the
// message now names the guard held across the `.await`.
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn write_audit_log(visit: u64) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("visit {visit} logged");
}

#[axum::debug_handler]
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
