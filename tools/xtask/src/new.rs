//! `cargo xtask new`: starts a chapter, a listing, an exercise or a wrong answer.

use crate::Workspace;
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_workspace: &Workspace, _args: Args) -> Result<()> {
    anyhow::bail!("`cargo xtask new` is being written")
}
