use course_testkit::{count_polls, run_paused, timed};
use fair_loop::fold_fairly;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// `count` lines in no friendly order: a scramble of 0..count in which every tenth
/// line repeats an earlier one.
fn lines(count: u64) -> Vec<u64> {
    let mut lines: Vec<u64> = (0..count).map(|i| (i * 7919) % count).collect();
    for i in (10..lines.len()).step_by(10) {
        lines[i] = lines[i / 2];
    }
    lines
}

/// A step whose result depends on the order of the items.
fn mix(accumulator: u64, line: u64) -> u64 {
    accumulator.wrapping_mul(31).wrapping_add(line)
}

/// A neighbour task: it counts each turn the runtime gives it.
fn spawn_neighbour() -> (Arc<AtomicU64>, tokio::task::JoinHandle<()>) {
    let turns = Arc::new(AtomicU64::new(0));
    let counted = turns.clone();
    let neighbour = tokio::spawn(async move {
        loop {
            counted.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
        }
    });
    (turns, neighbour)
}

#[test]
fn folds_every_item_in_order() {
    let items = lines(1000);
    let expected = items.iter().copied().fold(17, mix);
    let (folded, steps) = run_paused(move || async move {
        let mut steps = 0;
        let folded = fold_fairly(items, 17, |accumulator, line| {
            steps += 1;
            mix(accumulator, line)
        })
        .await;
        (folded, steps)
    });
    assert_eq!(steps, 1000, "step must be called once per item");
    assert_eq!(
        folded, expected,
        "the result differs from Iterator::fold's: every item must go through step, \
         in order, each exactly once (the item on which the loop gives its turn \
         too)"
    );
}

#[test]
fn lets_a_neighbour_run_at_least_every_256_items() {
    let longest = run_paused(|| async {
        let (turns, neighbour) = spawn_neighbour();
        // Let the neighbour start, so that it waits for its next turn.
        tokio::task::yield_now().await;
        let mut seen = Vec::new();
        fold_fairly(lines(5000), 0, |accumulator, line| {
            seen.push(turns.load(Ordering::SeqCst));
            mix(accumulator, line)
        })
        .await;
        neighbour.abort();
        // The longest run of items during which the neighbour got no turn.
        seen.chunk_by(|a, b| a == b).map(<[u64]>::len).max()
    });
    let longest = longest.unwrap_or(0);
    assert!(
        longest <= 256,
        "{longest} items in a row were folded while a neighbour task waited for its \
         turn; at most 256 are allowed. A loop gives the runtime a turn only at an \
         .await that is not ready at once: tokio::task::yield_now() is one, every \
         256 items (and again after the next 256, and so on)"
    );
}

#[test]
fn gives_its_turn_back_no_more_than_once_per_64_items() {
    let polls = run_paused(|| async {
        let (folding, polls) = count_polls(fold_fairly(lines(6400), 0, mix));
        folding.await;
        polls.get()
    });
    assert!(
        polls <= 6400 / 64 + 2,
        "folding 6400 items took {polls} polls, that is {polls} turns given back; \
         at most one per 64 items is allowed ({} in all). Yielding after every \
         item sends the task through the scheduler once per item: give a turn \
         every 256 items",
        6400 / 64 + 2
    );
}

#[test]
fn takes_no_time_on_the_clock() {
    let (took, _) = run_paused(|| timed(fold_fairly(lines(3000), 0, mix)));
    assert_eq!(
        took,
        Duration::ZERO,
        "the fold took {took:?} of tokio's clock: it slept. Giving others a turn \
         needs no wait (tokio::task::yield_now); a sleep of 1 ms every 256 lines \
         makes a million lines take 4 s"
    );
}

#[test]
fn no_items_gives_init_at_once() {
    let (folded, polls) = run_paused(|| async {
        let (folding, polls) = count_polls(fold_fairly(Vec::<u64>::new(), 42, mix));
        (folding.await, polls.get())
    });
    assert_eq!(folded, 42, "no items: the fold returns init");
    assert_eq!(polls, 1, "no items: the fold returns at its first poll");
}
