//! Counts the items since the last turn but never sets the count back to zero: it
//! yields once, at the 256th item, and never again.
//!
//! kind: edge-case
//! caught-by: lets_a_neighbour_run_at_least_every_256_items

/// Folds `items` into `init` with `step`, in order, giving the runtime a turn at
/// least every 256 items.
pub async fn fold_fairly<Item, Acc>(
    items: impl IntoIterator<Item = Item>,
    init: Acc,
    mut step: impl FnMut(Acc, Item) -> Acc,
) -> Acc {
    let mut accumulator = init;
    let mut since_last_turn = 0;
    for item in items {
        accumulator = step(accumulator, item);
        since_last_turn += 1;
        if since_last_turn == ITEMS_PER_TURN {
            tokio::task::yield_now().await;
        }
    }
    accumulator
}
