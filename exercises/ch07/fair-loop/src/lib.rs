//! # Exercise 7.3: a long loop that lets its neighbours run
//!
//! A log service folds millions of lines into a summary inside an async task, on
//! the runtime that also answers requests and sends heartbeats. A loop with no
//! `.await` holds its worker thread until it ends: every task queued on that
//! thread waits, on any runtime. Write [`fold_fairly`]:
//!
//! - It folds `items` exactly as `Iterator::fold` does: `step` is called once per
//!   item, in order, and the last accumulator is returned.
//! - It gives the other tasks a turn at least once every 256 items: never more
//!   than 256 calls of `step` in a row without a turn for them.
//! - And not much more often: each turn is a trip through the scheduler, so the
//!   checks allow one turn per 64 items on average, at most.
//! - Giving a turn is not waiting: the fold takes no time of its own on tokio's
//!   clock (no sleeping).
//! - No items: `init`, at once.
//!
//! Check your work with `cargo xtask check ch07-fair-loop`.

/// Folds `items` into `init` with `step`, in order, giving the runtime a turn at
/// least every 256 items.
pub async fn fold_fairly<Item, Acc>(
    items: impl IntoIterator<Item = Item>,
    init: Acc,
    step: impl FnMut(Acc, Item) -> Acc,
) -> Acc {
    // TODO: fold the items, and give the other tasks their turns.
    let _ = (items.into_iter(), step);
    let _ = init;
    todo!("fold the items fairly")
}
