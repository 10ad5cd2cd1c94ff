//! Records the picture of Listing 4-2: what `join!` and `try_join!` do to the three
//! fetches. Runs the traced joins on tokio's paused clock, writes the spans to
//! `timeline.tsv` and their rendering to `src/img/ch04-join-vs-try-join.svg`. The
//! tests check that both committed files are what a new run and its rendering
//! produce.
//!
//! Usage: `cargo run -p listing-04-02 --bin timeline-04-02 [-- --render-only |
//! --check]`

mod svg;
mod trace;

use course_svg::figure::Figure;
use std::path::PathBuf;
use std::process::ExitCode;

/// Where the picture goes, from the listing's folder.
const PICTURE: &str = "../../../src/img/ch04-join-vs-try-join.svg";

/// What to do when a committed file is out of date.
#[cfg(test)]
const REGENERATE: &str = "run `cargo xtask regen figures`";

fn main() -> ExitCode {
    // The listing's folder, from cargo when it runs us (a clone may have moved since
    // this binary was built).
    let listing = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    Figure {
        name: "timeline-04-02",
        data: &listing.join("timeline.tsv"),
        picture: &listing.join(PICTURE),
        record: &|| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .start_paused(true)
                .build()
                .map_err(|e| format!("cannot build a runtime: {e}"))?;
            Ok(trace::to_tsv(&runtime.block_on(trace::record())))
        },
        draw: &|data| Ok(svg::render(&trace::from_tsv(data)?)),
    }
    .main()
}
