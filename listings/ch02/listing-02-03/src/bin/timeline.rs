//! Records the chapter 2 timeline: runs Listing 2-3's tasks, writes the trace of
//! polls and wakes to `listings/ch02/listing-02-03/timeline.tsv`, and draws it as
//! `src/img/ch02-timeline.svg`. With `--render-only`, redraws the picture from the
//! committed trace without running anything; with `--check`, writes nothing and
//! fails if the committed picture is not the drawing of the committed trace.
//!
//! Usage: `cargo run -p listing-02-03 --bin timeline [-- --render-only | --check]`

use course_svg::figure::Figure;
use listing_02_03::trace::{Trace, from_tsv, to_tsv};
use listing_02_03::{fetch_three_ways, timeline_svg};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The listing's folder, from cargo when it runs us (a clone may have moved since
    // this binary was built).
    let listing = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let root = listing.join("../../..");
    Figure {
        name: "timeline",
        data: &root.join("listings/ch02/listing-02-03/timeline.tsv"),
        picture: &root.join("src/img/ch02-timeline.svg"),
        record: &|| {
            let trace = Trace::new();
            fetch_three_ways(&trace);
            Ok(to_tsv(&trace.events()))
        },
        draw: &|data| Ok(timeline_svg::render(&from_tsv(data)?)),
    }
    .main()
}
