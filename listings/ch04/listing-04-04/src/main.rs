//! Listing 4-4: the fix for a spawned task that borrows a local variable (error
//! E0373). The task gets its own handle to the data: `async move` moves an `Arc`
//! clone into each task.

use std::sync::Arc;

// ANCHOR: fixed
/// Counts the catalogue entries that mention each search term, one task per term.
async fn count_matches(catalogue: Vec<String>, terms: &[&str]) -> Vec<usize> {
    // Shared, read-only, and alive as long as the last task that holds a clone.
    let catalogue = Arc::new(catalogue);
    let mut tasks = Vec::new();
    for term in terms {
        let catalogue = Arc::clone(&catalogue);
        // `term` is a `&str` borrowed from the caller: the task needs its own
        // `String`.
        let term = term.to_string();
        tasks.push(tokio::spawn(async move {
            catalogue
                .iter()
                .filter(|entry| entry.contains(&term))
                .count()
        }));
    }
    let mut counts = Vec::new();
    for task in tasks {
        counts.push(task.await.expect("counting does not panic"));
    }
    counts
}
// ANCHOR_END: fixed

#[tokio::main]
async fn main() {
    let catalogue = vec![
        "red wool scarf".to_string(),
        "blue wool hat".to_string(),
        "red rain jacket".to_string(),
    ];
    let terms = ["red", "wool", "green"];
    let counts = count_matches(catalogue, &terms).await;
    for (term, count) in terms.iter().zip(counts) {
        println!("{term}: {count} entries");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn each_task_counts_its_own_term() {
        let catalogue = vec!["red scarf".to_string(), "red hat".to_string()];
        assert_eq!(
            count_matches(catalogue, &["red", "hat", "blue"]).await,
            [2, 1, 0]
        );
    }
}
