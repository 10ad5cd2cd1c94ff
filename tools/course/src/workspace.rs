//! The clone of the course a command runs in, found at run time, and where cargo puts what it
//! builds there.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One clone of the course.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder with `book.toml` and the workspace's `Cargo.toml`.
    pub root: PathBuf,
    /// Where cargo builds (`target/`, or `CARGO_TARGET_DIR`, or a config's `build.target-dir`).
    pub target_dir: PathBuf,
}

impl Workspace {
    /// The clone around the current directory, and its target directory as cargo reports it.
    pub fn discover() -> Result<Self> {
        let root = crate::find_root()?;
        let metadata = cargo_metadata::MetadataCommand::new()
            .cargo_path(cargo_program())
            .current_dir(&root)
            .no_deps()
            .exec()
            .context("`cargo metadata` failed: is the workspace's Cargo.toml valid?")?;
        Ok(Self {
            root,
            target_dir: metadata.target_directory.into_std_path_buf(),
        })
    }

    /// `cargo`, the one that runs `cargo xtask`, started in the workspace root.
    pub fn cargo(&self) -> Command {
        let mut command = Command::new(cargo_program());
        command.current_dir(&self.root);
        command
    }

    /// A path inside the target directory.
    pub fn target(&self, relative: impl AsRef<Path>) -> PathBuf {
        self.target_dir.join(relative)
    }
}

/// The cargo that started us (`CARGO`), so that the pinned toolchain builds everything.
pub fn cargo_program() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| "cargo".into(), PathBuf::from)
}
