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

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: timeline-04-02 [--render-only | --check]";

/// Where the picture goes, from the listing's folder.
const PICTURE: &str = "../../../src/img/ch04-join-vs-try-join.svg";

/// What to do when a committed file is out of date.
const REGENERATE: &str = "run `cargo run -p listing-04-02 --bin timeline-04-02`";

/// What the command line asks for.
enum Mode {
    /// Record a new run on the paused clock, then draw it.
    Record,
    /// Redraw the picture from the committed `timeline.tsv` (after a change to the
    /// drawing code).
    RenderOnly,
    /// Write nothing; fail if the committed picture is not the drawing of the
    /// committed data.
    Check,
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let mode = match arguments.as_slice() {
        [] => Mode::Record,
        [only] if only == "--render-only" => Mode::RenderOnly,
        [only] if only == "--check" => Mode::Check,
        _ => {
            eprintln!("timeline-04-02: {USAGE}");
            return ExitCode::FAILURE;
        }
    };
    match run(mode) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("timeline-04-02: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(mode: Mode) -> Result<(), String> {
    // The listing's folder, from cargo when it runs us (a clone may have moved since
    // this binary was built).
    let listing = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let data = listing.join("timeline.tsv");
    let picture = listing.join(PICTURE);
    let spans = match mode {
        Mode::Record => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .start_paused(true)
                .build()
                .map_err(|e| format!("cannot build a runtime: {e}"))?;
            let spans = runtime.block_on(trace::record());
            std::fs::write(&data, trace::to_tsv(&spans))
                .map_err(|e| format!("cannot write {}: {e}", data.display()))?;
            println!("wrote {}", data.display());
            spans
        }
        Mode::RenderOnly | Mode::Check => {
            let text = std::fs::read_to_string(&data)
                .map_err(|e| format!("cannot read {}: {e}", data.display()))?;
            trace::from_tsv(&text)?
        }
    };
    let drawing = svg::render(&spans);
    if let Mode::Check = mode {
        let committed = std::fs::read_to_string(&picture).unwrap_or_default();
        return if committed == drawing {
            Ok(())
        } else {
            Err(format!(
                "src/img/ch04-join-vs-try-join.svg is not the drawing of \
                 listings/ch04/listing-04-02/timeline.tsv: {REGENERATE} -- --render-only"
            ))
        };
    }
    std::fs::write(&picture, drawing)
        .map_err(|e| format!("cannot write {}: {e}", picture.display()))?;
    println!("wrote {}", picture.display());
    Ok(())
}
