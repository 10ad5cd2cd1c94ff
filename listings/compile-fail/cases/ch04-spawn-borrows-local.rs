// A task counts the catalogue entries that mention a term, borrowing the local
// catalogue.
#[tokio::main]
async fn main() {
    let catalogue = vec!["red wool scarf".to_string(), "blue wool hat".to_string()];
    let task = tokio::spawn(async {
        catalogue.iter().filter(|entry| entry.contains("red")).count()
    });
    println!("{} entries", task.await.unwrap());
}
