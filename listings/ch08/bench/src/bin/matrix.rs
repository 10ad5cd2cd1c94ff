//! The benchmark harness of chapter 8: what `cargo xtask bench` runs (and `cargo
//! xtask regen bench-tables` with `--render`, `cargo xtask regen --check` with
//! `--check`).
//!
//! - no option: the full matrix, written over `listings/ch08/results/` and
//!   `src/img/ch08-elapsed.svg`;
//! - `--quick`: a smaller matrix, written into `bench-quick/` in cargo's target
//!   folder;
//! - `--fastapi`: adds the FastAPI rows;
//! - `--render`: only renders the tables and the plot from the committed results;
//! - `--check`: fails, one line per file, if a committed table or the plot is not
//!   what the committed results render to;
//! - `--criterion`: records the criterion micro-benchmarks.

use bench::matrix::{self, Options};
use bench::render::{self, Outputs, RENDER_COMMAND};
use bench::results::Results;
use bench::workspace;
use clap::Parser;
use std::path::Path;
use std::process::ExitCode;

/// Chapter 8's benchmark: measures the matrix and renders the chapter's tables and
/// plot from the results.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask bench", bin_name = "cargo xtask bench")]
struct Arguments {
    /// A smaller matrix (under two minutes), written into bench-quick/ in cargo's
    /// target folder.
    #[arg(long)]
    quick: bool,
    /// Also measure FastAPI (needs python3, and PyPI the first time).
    #[arg(long)]
    fastapi: bool,
    /// Only render the tables and the plot from the committed results.json.
    #[arg(long, conflicts_with_all = ["quick", "fastapi", "check", "criterion"])]
    render: bool,
    /// Check that the committed tables and plot are what results.json renders to.
    #[arg(long, conflicts_with_all = ["quick", "fastapi", "criterion"])]
    check: bool,
    /// Record the criterion micro-benchmarks into listings/ch08/results/.
    #[arg(long, conflicts_with_all = ["quick", "fastapi"])]
    criterion: bool,
}

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    let outcome = workspace::current_root().and_then(|root| run(&root, &arguments));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            for line in message.lines() {
                eprintln!("error: {line}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path, arguments: &Arguments) -> Result<(), String> {
    if arguments.criterion {
        return matrix::record_criterion(root);
    }
    if arguments.render || arguments.check {
        let outputs = Outputs::committed(root);
        let results = Results::read(&outputs.results)?;
        if arguments.check {
            return check(root, &results, &outputs);
        }
        for written in render::write_all(&results, &outputs)? {
            println!("wrote {}", written.display());
        }
        return Ok(());
    }
    matrix::run(
        root,
        Options {
            quick: arguments.quick,
            fastapi: arguments.fastapi,
        },
    )
}

/// An error with one line per stale file.
fn check(root: &Path, results: &Results, outputs: &Outputs) -> Result<(), String> {
    let stale: Vec<String> = render::stale(results, outputs)
        .iter()
        .map(|path| {
            format!(
                "{} is not what {} renders to: run `{RENDER_COMMAND}`",
                path.strip_prefix(root).unwrap_or(path).display(),
                bench::results::COMMITTED
            )
        })
        .collect();
    if stale.is_empty() {
        Ok(())
    } else {
        Err(stale.join("\n"))
    }
}
