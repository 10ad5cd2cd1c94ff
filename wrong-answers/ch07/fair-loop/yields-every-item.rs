//! Yields after every item: fair, but each item pays a trip through the
//! scheduler.
//!
//! kind: more-than-asked
//! caught-by: gives_its_turn_back_no_more_than_once_per_64_items

/// Folds `items` into `init` with `step`, in order, giving the runtime a turn at
/// least every 256 items.
pub async fn fold_fairly<Item, Acc>(
    items: impl IntoIterator<Item = Item>,
    init: Acc,
    mut step: impl FnMut(Acc, Item) -> Acc,
) -> Acc {
    let mut accumulator = init;
    for item in items {
        accumulator = step(accumulator, item);
        tokio::task::yield_now().await;
    }
    accumulator
}
