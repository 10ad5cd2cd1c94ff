//! `cargo xtask dist`: the exercises for students, without solutions or wrong answers.

use crate::Workspace;
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The archive to write (default: course-exercises.tar.gz in the target directory)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(workspace: &Workspace, args: Args) -> Result<()> {
    let archive = match args.out {
        None => workspace.target_dir.join("course-exercises.tar.gz"),
        Some(file) => std::env::current_dir()?.join(file),
    };
    if let Some(parent) = archive.parent() {
        std::fs::create_dir_all(parent)?;
    }
    course::dist::write_archive(&workspace.root, &archive)?;
    println!(
        "Wrote {}: the exercises, their checks and the test helpers, in a workspace of their \
         own ({}/ when unpacked), without solutions. Students run `cargo test -p <exercise>`.",
        archive.display(),
        course::dist::TOP
    );
    Ok(())
}
