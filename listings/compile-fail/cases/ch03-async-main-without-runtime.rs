// An `async fn main` with no runtime to run it: nothing would ever poll the future it returns.
async fn main() {
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    println!("one second later");
}
