//! Solution to exercise 7.3: a plain loop that calls `yield_now` after every 256
//! items.

/// How many items the loop folds between two turns of the other tasks.
const ITEMS_PER_TURN: usize = 256;

/// Folds `items` into `init` with `step`, in order, giving the runtime a turn at
/// least every 256 items.
pub async fn fold_fairly<Item, Acc>(
    items: impl IntoIterator<Item = Item>,
    init: Acc,
    mut step: impl FnMut(Acc, Item) -> Acc,
) -> Acc {
    let mut accumulator = init;
    for (index, item) in items.into_iter().enumerate() {
        accumulator = step(accumulator, item);
        if (index + 1) % ITEMS_PER_TURN == 0 {
            // Puts this task at the back of the queue: everything ready runs first.
            tokio::task::yield_now().await;
        }
    }
    accumulator
}
