//! Sleeps for a millisecond every 256 items to let the others run: they do, but
//! the fold now waits for nothing, a millisecond at a time.
//!
//! kind: busy-wait
//! caught-by: takes_no_time_on_the_clock

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
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
    }
    accumulator
}
