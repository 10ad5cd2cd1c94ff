//! Folds in a plain loop inside the async function: it never reaches an .await
//! that is not ready, so no other task runs until the last item.
//!
//! kind: blocking
//! caught-by: lets_a_neighbour_run_at_least_every_256_items

/// Folds `items` into `init` with `step`, in order, giving the runtime a turn at
/// least every 256 items.
pub async fn fold_fairly<Item, Acc>(
    items: impl IntoIterator<Item = Item>,
    init: Acc,
    step: impl FnMut(Acc, Item) -> Acc,
) -> Acc {
    items.into_iter().fold(init, step)
}
