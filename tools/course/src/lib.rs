//! What the course's tools know about the repository's files.
//!
//! This crate has no heavy dependencies on purpose: the inline-snippet build script, the book
//! checks and `cargo xtask` all read pages, listings and exercises through it, so there is one
//! definition of "a listing", "an inline block" or "an exercise" in the whole repository.

pub mod exercises;
pub mod listings;
pub mod machine;
pub mod output;
pub mod pages;

use std::path::{Path, PathBuf};

/// The workspace root (the folder with `book.toml`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the course crate lives in tools/course of the workspace")
}

/// Sorted subfolders of `dir` (an empty list when `dir` does not exist).
pub(crate) fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}
