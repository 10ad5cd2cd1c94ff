//! Records the chapter 2 timeline: runs Listing 2-3's tasks, writes the trace of
//! polls and wakes to `listings/ch02/listing-02-03/timeline.tsv`, and draws it as
//! `src/img/ch02-timeline.svg`. With `--render-only`, redraws the picture from the
//! committed trace without running anything.
//!
//! Usage: `cargo run -p listing-02-03 --bin timeline [-- --render-only]`

use listing_02_03::trace::{Trace, from_tsv, to_tsv};
use listing_02_03::{fetch_three_ways, timeline_svg};
use std::path::Path;

fn main() -> Result<(), String> {
    let listing = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = listing.join("timeline.tsv");
    let picture = listing.join("../../../src/img/ch02-timeline.svg");
    let render_only = std::env::args().any(|arg| arg == "--render-only");

    if !render_only {
        let trace = Trace::new();
        fetch_three_ways(&trace);
        std::fs::write(&data, to_tsv(&trace.events()))
            .map_err(|e| format!("cannot write {}: {e}", data.display()))?;
        println!("wrote listings/ch02/listing-02-03/timeline.tsv");
    }
    let text = std::fs::read_to_string(&data)
        .map_err(|e| format!("cannot read {}: {e}", data.display()))?;
    let events = from_tsv(&text)?;
    std::fs::create_dir_all(picture.parent().expect("the picture is in src/img"))
        .map_err(|e| format!("cannot create src/img: {e}"))?;
    std::fs::write(&picture, timeline_svg::render(&events))
        .map_err(|e| format!("cannot write {}: {e}", picture.display()))?;
    println!("wrote src/img/ch02-timeline.svg");
    Ok(())
}
