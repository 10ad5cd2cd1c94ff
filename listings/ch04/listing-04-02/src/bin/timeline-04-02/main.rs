//! Records the picture of Listing 4-2: what `join!` and `try_join!` do to the three
//! fetches. Runs the traced joins on tokio's paused clock, writes the spans to
//! `timeline.tsv` and their rendering to `src/img/ch04-join-vs-try-join.svg`. The
//! tests check that both committed files are what a new run and its rendering
//! produce.

mod svg;
mod trace;

use std::path::Path;

/// Where the picture goes, from the listing's folder.
const PICTURE: &str = "../../../src/img/ch04-join-vs-try-join.svg";

/// What to do when a committed file is out of date.
#[cfg(test)]
const REGENERATE: &str = "run `cargo run -p listing-04-02 --bin timeline-04-02`";

/// With `--render-only`, redraws the picture from the committed `timeline.tsv`
/// (after a change to the drawing code); without it, records a new run first.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listing = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = listing.join("timeline.tsv");
    let picture = listing.join(PICTURE);
    let spans = if std::env::args().any(|arg| arg == "--render-only") {
        trace::from_tsv(&std::fs::read_to_string(&data)?)?
    } else {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()?;
        let spans = runtime.block_on(trace::record());
        std::fs::write(&data, trace::to_tsv(&spans))?;
        println!("wrote {}", data.display());
        spans
    };
    std::fs::write(&picture, svg::render(&spans))?;
    println!("wrote {}", picture.display());
    Ok(())
}
