//! Chapter 7's measurement: a light endpoint's latency while a CPU-heavy endpoint of
//! the same service computes inline, in `spawn_blocking`, on rayon, or behind a
//! `Semaphore`. Writes the table `listings/ch07/results/cpu-in-handlers.md`, stamped
//! with the machine, and its plot `src/img/ch07-cpu-in-handlers.svg`.
//!
//! Usage: `cargo run --release -p bench --bin cpu-handlers [-- --render-only |
//! --check]` (`cargo xtask regen figures` runs it).

use bench::cpu_handlers::{Setup, draw, measure, render_table, thumbnail_alone};
use course_svg::figure::Figure;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The bench crate's folder, from cargo when it runs us (a clone may have moved
    // since this binary was built).
    let bench = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    Figure {
        name: "cpu-handlers",
        data: &bench.join("../../ch07/results/cpu-in-handlers.md"),
        picture: &bench.join("../../../src/img/ch07-cpu-in-handlers.svg"),
        record: &|| {
            let setup = Setup::RECORDED;
            let alone = thumbnail_alone(setup.work);
            let rows = measure(setup)?;
            Ok(render_table(&course::machine::stamp(), setup, alone, &rows))
        },
        draw: &draw,
    }
    .main()
}
