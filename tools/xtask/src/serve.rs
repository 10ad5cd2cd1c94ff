//! `cargo xtask serve`: serves the book on 127.0.0.1; it rebuilds on every edit, and open pages
//! reload themselves. The server is the `course-serve` crate, built only when it is asked for.

use crate::Workspace;
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The port to listen on (0 lets the system pick a free one)
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
}

pub fn run(workspace: &Workspace, args: Args) -> Result<()> {
    // One folder per clone: two clones that share a target directory serve side by side.
    let out = workspace.target(format!("book-serve/{}", clone_id(&workspace.root)));
    let status = workspace
        .cargo()
        .args(["run", "--quiet", "--package", "course-serve", "--"])
        .arg(&workspace.root)
        .arg(&out)
        .arg(args.port.to_string())
        .status()?;
    // The server printed its own error, in one line.
    if !status.success() {
        std::process::exit(status.code().unwrap_or(1));
    }
    Ok(())
}

/// A short name for a clone of the course, from the path of its root.
fn clone_id(root: &std::path::Path) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    root.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}
