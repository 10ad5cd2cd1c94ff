// A task keeps a reference-counted session while it waits for the network.
use std::rc::Rc;
use std::time::Duration;

#[tokio::main]
async fn main() {
    let task = tokio::spawn(async {
        let session = Rc::new(String::from("user-42"));
        tokio::time::sleep(Duration::from_millis(10)).await;
        format!("refreshed {session}")
    });
    println!("{}", task.await.unwrap());
}
