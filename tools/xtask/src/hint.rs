//! `cargo xtask hint`: an exercise's hints, one step at a time.

use crate::Workspace;
use anyhow::{Result, bail};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The exercise (`ch01-parallel-score`)
    pub exercise: String,
    /// Show hints up to this one (1 is a nudge; the last comes close to the answer)
    #[arg(default_value_t = 1)]
    pub level: usize,
}

pub fn run(workspace: &Workspace, args: Args) -> Result<()> {
    let all = course::exercises::exercises(&workspace.root)?;
    let Some(exercise) = all.iter().find(|e| e.package == args.exercise) else {
        bail!(
            "no exercise is called `{}`; `cargo xtask check` lists them (for example `{}`)",
            args.exercise,
            all.first().map_or("ch01-…", |e| e.package.as_str())
        );
    };
    let hints = &exercise.meta.hints;
    if args.level == 0 || args.level > hints.len() {
        bail!(
            "{} has hints 1 to {}; ask for one of them",
            exercise.package,
            hints.len()
        );
    }
    println!("{}", exercise.meta.title);
    for (number, hint) in hints.iter().enumerate().take(args.level) {
        println!("\nHint {} of {}:\n{}", number + 1, hints.len(), hint.trim());
    }
    if args.level < hints.len() {
        println!(
            "\nNext step: cargo xtask hint {} {}",
            exercise.package,
            args.level + 1
        );
    }
    Ok(())
}
