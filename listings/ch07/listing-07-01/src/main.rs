//! Listing 7-1: the article's I/O-bound handler. Three queries of 50, 80 and 40 ms
//! take 170 ms one after another and 80 ms (the slowest) together.

use std::time::Duration;

// ANCHOR: queries
/// Stands in for a query that waits `latency` for the database to answer.
async fn query(what: &str, user_id: u64, latency: Duration) -> String {
    tokio::time::sleep(latency).await;
    format!("{what} of user {user_id}")
}

async fn fetch_user(user_id: u64) -> String {
    query("profile", user_id, Duration::from_millis(50)).await
}

async fn fetch_orders(user_id: u64) -> String {
    query("orders", user_id, Duration::from_millis(80)).await
}

async fn fetch_preferences(user_id: u64) -> String {
    query("preferences", user_id, Duration::from_millis(40)).await
}
// ANCHOR_END: queries

// ANCHOR: handlers
/// Each query starts when the previous one has answered: 50 + 80 + 40 ms.
async fn user_page_in_turn(user_id: u64) -> [String; 3] {
    let user = fetch_user(user_id).await;
    let orders = fetch_orders(user_id).await;
    let preferences = fetch_preferences(user_id).await;
    [user, orders, preferences]
}

/// The three queries wait together, like `asyncio.gather`: as long as the slowest.
async fn user_page_together(user_id: u64) -> [String; 3] {
    let (user, orders, preferences) = tokio::join!(
        fetch_user(user_id),
        fetch_orders(user_id),
        fetch_preferences(user_id),
    );
    [user, orders, preferences]
}
// ANCHOR_END: handlers

#[tokio::main]
async fn main() {
    let start = tokio::time::Instant::now();
    let page = user_page_in_turn(1).await;
    println!("in turn:  {} in {:.0?}", page.join(", "), start.elapsed());

    let start = tokio::time::Instant::now();
    let page = user_page_together(1).await;
    println!("together: {} in {:.0?}", page.join(", "), start.elapsed());
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_testkit::timed;

    // ANCHOR: proof
    #[tokio::test(start_paused = true)]
    async fn in_turn_takes_the_sum_together_takes_the_slowest() {
        let (took, in_turn) = timed(user_page_in_turn(7)).await;
        assert_eq!(took, Duration::from_millis(50 + 80 + 40));
        let (took, together) = timed(user_page_together(7)).await;
        assert_eq!(took, Duration::from_millis(80));
        assert_eq!(in_turn, together);
    }
    // ANCHOR_END: proof
}
