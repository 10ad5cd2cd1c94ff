// A handler hands the blocking pool a closure that borrows the request's address.

/// Stands for a synchronous geocoding library: it blocks during the lookup.
fn locate_blocking(address: &str) -> (f64, f64) {
    std::thread::sleep(std::time::Duration::from_millis(100));
    (address.len() as f64, 0.0)
}

async fn locate(address: String) -> Option<(f64, f64)> {
    let street = address.as_str();
    // The pool thread may outlive this function: the closure may not borrow locals.
    tokio::task::spawn_blocking(|| locate_blocking(street)).await.ok()
}

#[tokio::main]
async fn main() {
    println!("{:?}", locate("Via Roma 1".to_string()).await);
}
