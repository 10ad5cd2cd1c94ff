// A task counts hits in a shared map, and logs them to a slow service while holding
// the lock.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn log_remotely(hits: usize) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("logged {hits} hits");
}

#[tokio::main]
async fn main() {
    let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let task = tokio::spawn(async move {
        let mut counts = hits.lock().unwrap();
        let count = counts.entry("/index.html".to_string()).or_default();
        *count += 1;
        log_remotely(*count).await;
    });
    task.await.unwrap();
}
