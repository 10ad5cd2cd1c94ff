// Two concurrent steps append to the same audit log through `&mut`.
async fn record(log: &mut Vec<String>, event: &str) {
    tokio::task::yield_now().await;
    log.push(event.to_string());
}

#[tokio::main]
async fn main() {
    let mut audit_log = Vec::new();
    tokio::join!(
        record(&mut audit_log, "payment accepted"),
        record(&mut audit_log, "receipt sent"),
    );
    println!("{audit_log:?}");
}
