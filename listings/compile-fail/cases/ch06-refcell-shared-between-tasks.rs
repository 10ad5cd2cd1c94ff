// Two tasks share a cache of customer names through `Arc`, with a `RefCell` inside
// (as rusqlite's `Connection` keeps its state).
use std::cell::RefCell;
use std::sync::Arc;

#[tokio::main]
async fn main() {
    let names = Arc::new(RefCell::new(Vec::<String>::new()));
    let writer = Arc::clone(&names);
    tokio::spawn(async move {
        writer.borrow_mut().push("Ada Lovelace".to_string());
    })
    .await
    .unwrap();
    println!("{:?}", names.borrow());
}
