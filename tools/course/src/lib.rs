//! What the course's tools know about the repository's files.
//!
//! This crate has no heavy dependencies on purpose: the inline-snippet build script, the test
//! helpers and `cargo xtask` all read pages, listings and exercises through it, so there is one
//! definition of "a listing", "an inline block" or "an exercise" in the whole repository.

pub mod chapters;
pub mod dist;
pub mod exercises;
pub mod first_build;
pub mod generated;
pub mod guide;
pub mod listings;
pub mod machine;
pub mod output;
pub mod pages;
pub mod playground;
pub mod process;
pub mod render;
pub mod scaffold;
pub mod selfcheck;
pub mod workspace;

use anyhow::{Result, bail};
use std::path::{Path, PathBuf};
pub use workspace::Workspace;

/// The file that marks the course's root folder, beside the workspace's `Cargo.toml`.
pub const ROOT_MARKER: &str = "book.toml";

/// The course's root folder (the one with `book.toml` and the workspace's `Cargo.toml`), found
/// at run time: from `CARGO_MANIFEST_DIR` when cargo started us (`cargo run`, `cargo test`, a
/// build script), else from the current directory. Never from the path a binary was compiled
/// in: two clones may share one target directory, and each must find its own files.
pub fn find_root() -> Result<PathBuf> {
    let mut starts = Vec::new();
    if let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
        starts.push(PathBuf::from(dir));
    }
    if let Ok(dir) = std::env::current_dir() {
        starts.push(dir);
    }
    for start in &starts {
        if let Some(root) = root_above(start) {
            return Ok(root);
        }
    }
    bail!(
        "this is not a clone of the course (no {ROOT_MARKER} with a Cargo.toml beside it in {} \
         or above): run the command inside the repository",
        starts
            .last()
            .map_or_else(|| "the current folder".into(), |d| d.display().to_string())
    )
}

/// [`find_root`] for tests and build scripts, where a panic is the way to report.
///
/// # Panics
/// Outside a clone of the course.
pub fn workspace_root() -> PathBuf {
    find_root().unwrap_or_else(|e| panic!("{e}"))
}

fn root_above(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(ROOT_MARKER).is_file() && dir.join("Cargo.toml").is_file())
        .map(Path::to_path_buf)
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

/// Sorted files of `dir` whose name ends with `.extension`.
pub(crate) fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

/// The last component of a path, as text.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads a text file, with the path in the error.
pub fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_found_from_any_folder_inside_it() {
        let root = workspace_root();
        assert!(root.join(ROOT_MARKER).is_file());
        assert_eq!(
            root_above(&root.join("tools/course/src")),
            Some(root.clone())
        );
        assert_eq!(root_above(Path::new("/")), None);
    }
}
