//! Records the chapter 2 timeline: runs Listing 2-3's tasks, writes the trace of
//! polls and wakes to `listings/ch02/listing-02-03/timeline.tsv`, and draws it as
//! `src/img/ch02-timeline.svg`. With `--render-only`, redraws the picture from the
//! committed trace without running anything; with `--check`, writes nothing and
//! fails if the committed picture is not the drawing of the committed trace.
//!
//! Usage: `cargo run -p listing-02-03 --bin timeline [-- --render-only | --check]`

use listing_02_03::trace::{Trace, from_tsv, to_tsv};
use listing_02_03::{fetch_three_ways, timeline_svg};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: timeline [--render-only | --check]";
const TRACE: &str = "listings/ch02/listing-02-03/timeline.tsv";
const PICTURE: &str = "src/img/ch02-timeline.svg";

/// What the command line asks for.
enum Mode {
    /// Run the tasks, then draw.
    Record,
    RenderOnly,
    Check,
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let mode = match arguments.as_slice() {
        [] => Mode::Record,
        [only] if only == "--render-only" => Mode::RenderOnly,
        [only] if only == "--check" => Mode::Check,
        _ => {
            eprintln!("timeline: {USAGE}");
            return ExitCode::FAILURE;
        }
    };
    match run(mode) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("timeline: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(mode: Mode) -> Result<(), String> {
    // The listing's folder, from cargo when it runs us (a clone may have moved since
    // this binary was built).
    let listing = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let root = listing.join("../../..");
    let (data, picture) = (root.join(TRACE), root.join(PICTURE));

    if let Mode::Record = mode {
        let trace = Trace::new();
        fetch_three_ways(&trace);
        std::fs::write(&data, to_tsv(&trace.events()))
            .map_err(|e| format!("cannot write {}: {e}", data.display()))?;
        println!("wrote {TRACE}");
    }
    let text = std::fs::read_to_string(&data)
        .map_err(|e| format!("cannot read {}: {e}", data.display()))?;
    let drawing = timeline_svg::render(&from_tsv(&text)?);
    if let Mode::Check = mode {
        let committed = std::fs::read_to_string(&picture).unwrap_or_default();
        return if committed == drawing {
            Ok(())
        } else {
            Err(format!(
                "{PICTURE} is not the drawing of {TRACE}: run `cargo run -p \
                 listing-02-03 --bin timeline -- --render-only`"
            ))
        };
    }
    std::fs::write(&picture, drawing)
        .map_err(|e| format!("cannot write {}: {e}", picture.display()))?;
    println!("wrote {PICTURE}");
    Ok(())
}
