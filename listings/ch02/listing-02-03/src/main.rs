//! Listing 2-3: three fetches as three tasks, and three in a row, on our own
//! executor with a timer reactor: one thread, and only `std`.

use listing_02_03::fetch_three_ways;
use listing_02_03::trace::Trace;

// ANCHOR: main
fn main() {
    let trace = Trace::new();
    let (lines, stats) = fetch_three_ways(&trace);
    for line in lines {
        println!("{line}");
    }
    println!(
        "{} tasks, {} polls, {} wakes, on one executor thread",
        stats.tasks,
        stats.polls,
        trace
            .events()
            .iter()
            .filter(|event| event.kind == listing_02_03::trace::Kind::Wake)
            .count()
    );
}
// ANCHOR_END: main
