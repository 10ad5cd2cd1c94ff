//! `cargo xtask <command>`: the course's commands. `cargo xtask --help` lists them.

use clap::Parser;
use std::process::ExitCode;
use xtask::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match xtask::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One paragraph, the causes joined: a user's setup problem is never a backtrace.
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
