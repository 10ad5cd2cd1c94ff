// Saving an order, but the `.await` was forgotten. Many projects turn this warning into an error.
#![deny(unused_must_use)]

async fn save_order(order_id: u64) -> Result<(), String> {
    println!("saving order {order_id}");
    Ok(())
}

#[tokio::main]
async fn main() {
    save_order(42);
    println!("order saved?");
}
