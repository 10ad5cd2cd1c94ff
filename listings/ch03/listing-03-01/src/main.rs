//! Listing 3-1: futures are lazy. Calling an `async fn` runs none of its body;
//! awaiting the future runs it. `tokio::spawn` is the eager one: the task runs
//! without being awaited.

use std::time::Duration;

// ANCHOR: lazy
async fn send_invoice(customer: &str) -> u32 {
    println!("  sending the invoice to {customer}");
    tokio::time::sleep(Duration::from_millis(10)).await;
    4711 // the invoice number
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("1. calling send_invoice(\"Ada\")");
    let invoice = send_invoice("Ada"); // a future: nothing is sent yet
    println!("2. holding the future; nothing was sent");
    let number = invoice.await; // now the body runs, up to the end
    println!("3. awaited: invoice {number}");

    println!("4. calling send_invoice(\"Grace\") and dropping the future");
    drop(send_invoice("Grace")); // never polled: Grace gets no invoice

    println!("5. spawning send_invoice(\"Linus\") as a task");
    let task = tokio::spawn(send_invoice("Linus"));
    // Give the runtime a turn without awaiting the task: it starts on its own.
    tokio::task::yield_now().await;
    println!("6. the task started before we awaited its handle");
    println!("7. awaited the task: invoice {}", task.await.unwrap());
}
// ANCHOR_END: lazy
