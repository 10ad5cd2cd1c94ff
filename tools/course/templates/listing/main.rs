//! Listing {number}: TODO(course): what it shows, in one line.

// ANCHOR: main
#[tokio::main]
async fn main() {
    println!("TODO(course): the program");
}
// ANCHOR_END: main
