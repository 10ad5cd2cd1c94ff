//! `cargo xtask regen`: the one command that makes every generated file the book shows again,
//! and, with `--check`, proves that all of them are current (see `course::generated`).

use crate::Workspace;
use anyhow::Result;
use course::generated::{self, KINDS, LEDGER};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to make again: `outputs` (every listing's recorded output), `compile-fail`
    /// (compiler messages), `python` (the Python programs' runs), `figures` (every figure in
    /// src/img and its trace), `bench-tables` (chapter 8's tables and plot, from its results
    /// file), one listing (`listing-01-02`) or one Python program (`gil-threads`); everything
    /// when none is given. `first-build`
    /// (a clean build of the workspace, timed: minutes) is made only when named
    #[arg(value_name = "WHAT")]
    pub what: Vec<String>,
    /// Make nothing: check that every generated file is current, and fail if one is not
    #[arg(long, conflicts_with = "what")]
    pub check: bool,
}

pub fn run(workspace: &Workspace, args: Args) -> Result<()> {
    if args.check {
        let count = generated::check_all(workspace)?;
        println!("{count} generated files are current.");
        return Ok(());
    }
    let what: Vec<String> = if args.what.is_empty() {
        KINDS.iter().map(|k| k.to_string()).collect()
    } else {
        args.what
    };
    let mut written = Vec::new();
    for item in &what {
        if KINDS.contains(&item.as_str()) || item == course::first_build::KIND {
            written.extend(generated::regen_kind(workspace, item)?);
        } else {
            written.push(generated::regen_listing(workspace, item)?);
        }
    }
    generated::update_ledger(&workspace.root, &written)?;
    println!(
        "Made {} file(s) again, and their fingerprints in {LEDGER}: review them with `git diff`.",
        written.len()
    );
    Ok(())
}
