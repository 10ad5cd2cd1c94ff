//! Gives its turn instead of folding the item it was at: one item in every 257 is
//! never folded.
//!
//! kind: wrong-value
//! caught-by: folds_every_item_in_order

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
        if since_last_turn == ITEMS_PER_TURN {
            since_last_turn = 0;
            tokio::task::yield_now().await;
            continue;
        }
        accumulator = step(accumulator, item);
        since_last_turn += 1;
    }
    accumulator
}
