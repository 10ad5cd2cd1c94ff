//! `cargo xtask bench`: chapter 8's benchmark. The harness lives beside the benchmark, in the
//! `bench` crate (`listings/ch08/bench`, binary `matrix`); this command builds it in release
//! mode, runs it, and records the fingerprints of what it measured.

use crate::Workspace;
use anyhow::Result;
use course::process::{self, Stderr};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A small matrix, written into target/bench-quick/ (the committed results stay as they are)
    #[arg(long, conflicts_with = "criterion")]
    pub quick: bool,
    /// Add FastAPI itself (a Python virtual environment under the target directory)
    #[arg(long, conflicts_with = "criterion")]
    pub fastapi: bool,
    /// Record the criterion micro-benchmarks instead of the matrix
    #[arg(long)]
    pub criterion: bool,
}

/// The files the full matrix writes (measured), relative to the root.
const MEASURED: [&str; 1] = ["listings/ch08/results/results.json"];
/// What the harness renders from the results file.
const RENDERED: [&str; 4] = [
    "listings/ch08/results/endpoints.md",
    "listings/ch08/results/async.md",
    "listings/ch08/results/fastapi.md",
    "src/img/ch08-elapsed.svg",
];
/// The criterion benchmarks' recorded reports.
const CRITERION: [&str; 3] = [
    "listings/ch08/results/criterion-spawn.txt",
    "listings/ch08/results/criterion-join.txt",
    "listings/ch08/results/criterion-oneshot.txt",
];

pub fn run(workspace: &Workspace, args: Args) -> Result<()> {
    let mut harness_args = Vec::new();
    if args.quick {
        harness_args.push("--quick");
    }
    if args.fastapi {
        harness_args.push("--fastapi");
    }
    if args.criterion {
        harness_args.push("--criterion");
    }
    harness(workspace, &harness_args, true)?;
    let written: Vec<PathBuf> = if args.criterion {
        CRITERION.iter().map(|f| workspace.root.join(f)).collect()
    } else if args.quick {
        Vec::new()
    } else {
        MEASURED
            .iter()
            .chain(&RENDERED)
            .map(|f| workspace.root.join(f))
            .collect()
    };
    crate::regen::update_ledger(&workspace.root, &written)
}

/// Renders the tables and the plot from the committed results file.
pub fn render(workspace: &Workspace) -> Result<Vec<PathBuf>> {
    harness(workspace, &["--render"], false)?;
    Ok(RENDERED.iter().map(|f| workspace.root.join(f)).collect())
}

/// Problems with the rendered tables and plot: each must be what the results file renders to.
pub fn check_rendered(workspace: &Workspace) -> Result<Vec<String>> {
    let mut command = matrix(workspace, &["--check"], false);
    let finished = process::run(&mut command, Duration::from_secs(900), Stderr::Capture)?;
    Ok(if finished.status.success() {
        Vec::new()
    } else {
        vec![format!(
            "{}{}",
            finished.stderr.trim(),
            finished.stdout.trim()
        )]
    })
}

fn harness(workspace: &Workspace, args: &[&str], release: bool) -> Result<()> {
    let mut command = matrix(workspace, args, release);
    // The full matrix with FastAPI takes a few minutes; the limit only stops a stuck run.
    process::run(
        &mut command,
        Duration::from_secs(3 * 60 * 60),
        Stderr::Inherit,
    )?
    .success("the benchmark harness")
    .map(|stdout| print!("{stdout}"))
}

fn matrix(workspace: &Workspace, args: &[&str], release: bool) -> std::process::Command {
    let mut command = workspace.cargo();
    command.args(["run", "--quiet", "-p", "bench", "--bin", "matrix"]);
    if release {
        command.arg("--release");
    }
    command.arg("--").args(args);
    command
}
