//! `cargo xtask book`: writes the book as static HTML, and checks it.

use crate::Workspace;
use anyhow::{Result, bail};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the HTML (default: book/ in the repository)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(workspace: &Workspace, args: Args) -> Result<()> {
    let root = &workspace.root;
    let out = match args.out {
        None => root.join("book"),
        Some(dir) => std::env::current_dir()?.join(dir),
    };
    course_book::build(root, &out)?;
    let problems = course_book::check::check_built_book(root, &out);
    if !problems.is_empty() {
        bail!("the book has problems:\n  {}", problems.join("\n  "));
    }
    println!(
        "The book is in {}: open {} in a browser.",
        out.display(),
        out.join("index.html").display()
    );
    Ok(())
}
