//! `cargo xtask serve`: serves the book on 127.0.0.1; it rebuilds on every edit, and open pages
//! reload themselves (see `course_book::serve`).

use crate::Workspace;
use anyhow::Result;
use course_book::serve;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The port to listen on (0 lets the system pick a free one)
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
}

pub fn run(workspace: &Workspace, args: Args) -> Result<()> {
    let out = workspace.target(format!("book-serve/{}", serve::clone_id(&workspace.root)));
    let server = serve::start(&workspace.root, &out, args.port)?;
    println!(
        "Serving the book at {} (Ctrl-C stops). Open pages reload after you edit a page, a \
         listing or an exercise.",
        server.url()
    );
    server.wait()
}
