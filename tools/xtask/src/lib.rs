//! The course's commands, as a library so that the tests in `tests/` use the same code as
//! `cargo xtask`.

pub mod bench;
pub mod book;
pub mod check;
pub mod dist;
pub mod hint;
pub mod new;
pub mod regen;
pub mod serve;
pub mod test;

use anyhow::Result;
use clap::{Parser, Subcommand};
pub use course::Workspace;

/// The course's own tools: read the book, run every check, grade exercises, regenerate what
/// the book shows, run the benchmark, start new chapters.
#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    version,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the book and serve it on 127.0.0.1; it rebuilds and the open page reloads when
    /// you edit a page, a listing or an exercise
    Serve(serve::Args),
    /// Write the book as static HTML, for reading offline, and check its links
    Book(book::Args),
    /// Run every check of the course (the command CI runs) and print what was checked
    Test(test::Args),
    /// Grade exercises with the course's checks: a score per chapter, a hint per failure
    Check(check::Args),
    /// Show an exercise's hints, one step at a time
    Hint(hint::Args),
    /// Regenerate what the book shows (recorded outputs, compiler messages, Python runs,
    /// figures, benchmark tables), or check that all of it is current
    #[command(alias = "record")]
    Regen(regen::Args),
    /// Run chapter 8's benchmark matrix, or its criterion micro-benchmarks
    Bench(bench::Args),
    /// Start a new chapter, listing, exercise or wrong answer from templates
    New(new::Args),
    /// Write the exercises for students, as an archive with a workspace of their own and
    /// without the solutions
    Dist(dist::Args),
}

/// Runs one command in the clone of the course around the current directory.
pub fn run(cli: Cli) -> Result<()> {
    let workspace = Workspace::discover()?;
    match cli.command {
        Command::Serve(args) => serve::run(&workspace, args),
        Command::Book(args) => book::run(&workspace, args),
        Command::Test(args) => test::run(&workspace, args),
        Command::Check(args) => check::run(&workspace, args),
        Command::Hint(args) => hint::run(&workspace, args),
        Command::Regen(args) => regen::run(&workspace, args),
        Command::Bench(args) => bench::run(&workspace, args),
        Command::New(args) => new::run(&workspace, args),
        Command::Dist(args) => dist::run(&workspace, args),
    }
}
