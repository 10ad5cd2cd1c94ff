// A plain function tries to wait for an async lookup.
async fn fetch_price(item: &str) -> u32 {
    item.len() as u32 * 100
}

fn total_price(items: &[&str]) -> u32 {
    let mut total = 0;
    for item in items {
        total += fetch_price(item).await;
    }
    total
}

fn main() {
    println!("{}", total_price(&["tea", "cake"]));
}
