//! `cargo xtask bench`: chapter 8's benchmark. The harness lives beside the benchmark, in the
//! `bench` crate (`listings/ch08/bench`, binary `matrix`); this command builds it in release
//! mode, runs it, and records the fingerprints of what it measured.

use crate::Workspace;
use anyhow::Result;
use course::generated;
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
            .chain(&generated::BENCH_RENDERED)
            .map(|f| workspace.root.join(f))
            .collect()
    };
    generated::update_ledger(&workspace.root, &written)
}

fn harness(workspace: &Workspace, args: &[&str], release: bool) -> Result<()> {
    let mut command = generated::bench_harness(workspace, args, release);
    // The full matrix with FastAPI takes a few minutes; the limit only stops a stuck run.
    process::run(
        &mut command,
        Duration::from_secs(3 * 60 * 60),
        Stderr::Inherit,
    )?
    .success("the benchmark harness")
    .map(|stdout| print!("{stdout}"))
}
