//! How long the first build takes and how much disk it fills, measured on this machine
//! (`cargo xtask regen first-build`), for the instructor guide's setup notes: a clean build of
//! the whole workspace (what `cargo xtask test` compiles) into an empty target folder, the
//! crates already downloaded (the download depends on the network, not the machine).

use crate::Workspace;
use crate::process::{self, Stderr};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The measured file, which the instructor guide includes.
pub const FILE: &str = "listings/setup/first-build.txt";

/// The name `cargo xtask regen` knows it by.
pub const KIND: &str = "first-build";

/// A clean build may take this long on a slow laptop.
const LIMIT: Duration = Duration::from_secs(60 * 60);

/// Builds the workspace into an empty target folder, and writes what it took to [`FILE`].
pub fn measure(workspace: &Workspace) -> Result<PathBuf> {
    let target = workspace.target_dir.join("first-build-measured");
    let _ = std::fs::remove_dir_all(&target);
    println!("== cargo fetch ==");
    let mut fetch = workspace.cargo();
    fetch.arg("fetch");
    process::run(&mut fetch, LIMIT, Stderr::Inherit)?.success("cargo fetch")?;
    println!(
        "== cargo build --workspace --all-targets, into {} ==",
        target.display()
    );
    let mut build = workspace.cargo();
    build
        .args(["build", "--workspace", "--all-targets"])
        .env("CARGO_TARGET_DIR", &target);
    let finished = process::run(&mut build, LIMIT, Stderr::Inherit)?;
    let elapsed = finished.elapsed;
    finished.success("cargo build")?;
    let bytes = size(&target);
    let _ = std::fs::remove_dir_all(&target);
    let seconds = elapsed.as_secs();
    let text = format!(
        "$ cargo xtask regen {KIND}\n# machine: {}\n\
         cargo build --workspace --all-targets, into an empty target folder, crates downloaded:\n\
         \x20 time: {} min {} s\n\
         \x20 target folder afterwards: {:.1} GiB\n",
        crate::machine::stamp(),
        seconds / 60,
        seconds % 60,
        bytes as f64 / f64::from(1u32 << 30),
    );
    let file = workspace.root.join(FILE);
    std::fs::create_dir_all(file.parent().context("a folder")?)?;
    std::fs::write(&file, text)?;
    Ok(file)
}

/// The bytes of every file under `dir`.
fn size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => size(&entry.path()),
            Ok(kind) if kind.is_file() => entry.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_add_up_every_file_below_a_folder() {
        let dir = std::env::temp_dir().join(format!("first-build-size-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("deps")).unwrap();
        std::fs::write(dir.join("a"), [0u8; 10]).unwrap();
        std::fs::write(dir.join("deps/b"), [0u8; 32]).unwrap();
        assert_eq!(super::size(&dir), 42);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
