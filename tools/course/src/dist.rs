//! The students' copy of the course (`cargo xtask dist`): every exercise's starter and checks,
//! the shared test helpers, and a workspace of their own that builds without the rest of the
//! repository; no solutions, no kept wrong answers.

use anyhow::{Context, Result, bail};
use std::path::Path;

/// The folder the archive unpacks into.
pub const TOP: &str = "async-rust-course-exercises";

/// What the copy holds, relative to the repository's root (the workspace manifest and the
/// README are written for it).
pub const INCLUDED: [&str; 5] = [
    "exercises",
    "tools/testkit",
    "tools/course",
    "rust-toolchain.toml",
    "Cargo.lock",
];

/// Never copied, even from inside an included folder.
const LEFT_OUT: [&str; 3] = ["solutions", "wrong-answers", "target"];

/// Writes the students' copy of the course at `root` into the empty or missing folder `dest`.
pub fn write_tree(root: &Path, dest: &Path) -> Result<()> {
    if dest.exists() && dest.read_dir()?.next().is_some() {
        bail!("{} is not empty: give a new folder", dest.display());
    }
    for entry in INCLUDED {
        copy(&root.join(entry), &dest.join(entry))?;
    }
    std::fs::write(dest.join("Cargo.toml"), workspace_manifest(root)?)?;
    std::fs::write(dest.join("README.md"), README)?;
    Ok(())
}

/// Writes the copy as a gzipped tar archive at `archive` (with `tar`, which Linux, macOS and
/// Windows 10 and later have).
pub fn write_archive(root: &Path, archive: &Path) -> Result<()> {
    let staging = archive.with_extension("staging");
    let _ = std::fs::remove_dir_all(&staging);
    write_tree(root, &staging.join(TOP))?;
    let mut tar = std::process::Command::new("tar");
    tar.arg("-czf")
        .arg(archive)
        .arg("-C")
        .arg(&staging)
        .arg(TOP);
    let finished = crate::process::run(
        &mut tar,
        std::time::Duration::from_secs(120),
        crate::process::Stderr::Capture,
    )
    .map_err(|e| {
        anyhow::anyhow!(
            "cannot run `tar` ({e}): install it, or copy {} by hand",
            TOP
        )
    })?;
    let _ = std::fs::remove_dir_all(&staging);
    finished.success("tar")?;
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    let name = from.file_name().unwrap_or_default().to_string_lossy();
    if LEFT_OUT.contains(&name.as_ref()) {
        return Ok(());
    }
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy(&entry.path(), &to.join(entry.file_name()))?;
        }
    } else {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, to).with_context(|| format!("cannot copy {}", from.display()))?;
    }
    Ok(())
}

/// The repository's workspace manifest, cut down to what the copy holds: its members, the
/// shared package fields, lints and dev profile, and the dependencies it can resolve.
pub fn workspace_manifest(root: &Path) -> Result<String> {
    let text = crate::read(&root.join("Cargo.toml"))?;
    let manifest: toml::Table = toml::from_str(&text).context("Cargo.toml is not valid")?;
    let workspace = manifest
        .get("workspace")
        .and_then(toml::Value::as_table)
        .context("Cargo.toml has no [workspace]")?;
    let mut copy = toml::Table::new();
    copy.insert("resolver".into(), "3".into());
    copy.insert(
        "members".into(),
        toml::Value::Array(
            ["exercises/*/*", "tools/testkit", "tools/course"]
                .map(toml::Value::from)
                .to_vec(),
        ),
    );
    for key in ["package", "lints"] {
        if let Some(value) = workspace.get(key) {
            copy.insert(key.into(), value.clone());
        }
    }
    let dependencies: toml::Table = workspace
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .into_iter()
        .flatten()
        .filter(|(_, spec)| {
            // A path dependency is kept only if the copy holds its folder.
            spec.get("path")
                .and_then(toml::Value::as_str)
                .is_none_or(|path| INCLUDED.contains(&path))
        })
        .map(|(name, spec)| (name.clone(), spec.clone()))
        .collect();
    copy.insert("dependencies".into(), dependencies.into());
    let mut result = toml::Table::new();
    result.insert("workspace".into(), copy.into());
    if let Some(dev) = manifest
        .get("profile")
        .and_then(|p| p.get("dev"))
        .and_then(toml::Value::as_table)
    {
        // The per-package settings name the repository's listings, which the copy lacks; the
        // `"*"` entry (no debug info for dependencies) keeps its build small.
        let mut dev = dev.clone();
        if let Some(packages) = dev.get_mut("package").and_then(toml::Value::as_table_mut) {
            packages.retain(|name, _| name == "*");
        }
        let mut profile = toml::Table::new();
        profile.insert("dev".into(), dev.into());
        result.insert("profile".into(), profile.into());
    }
    Ok(format!(
        "# The students' copy of the course, written by `cargo xtask dist` from the course's own\n\
         # Cargo.toml: the exercises and the helpers their checks use.\n\n{}",
        toml::to_string(&result)?
    ))
}

/// The copy's README: what it is and the commands a student needs.
const README: &str = "# Async Rust for asyncio programmers: the exercises

Each folder under `exercises/chNN/` is one exercise: its task is at the top of `src/lib.rs`,
its checks are in `tests/checks.rs`. Write your answer in `src/lib.rs`, then run its checks:

```console
$ cargo test -p ch01-parallel-score
```

A starter compiles and fails its checks until it is solved. The book explains each exercise,
gives its hints one step at a time, and shows what each check verifies; solutions are in the
book after each chapter's exercises.

You need Rust through rustup: `rust-toolchain.toml` picks the compiler the checks were written
for, and Cargo fetches the locked crates on first use.

To hand your work in, give your teacher this folder (or a repository of it): they grade your
`src/lib.rs` files with the course's own checks.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_keeps_only_what_the_copy_can_resolve() {
        let manifest = workspace_manifest(&crate::workspace_root()).unwrap();
        let parsed: toml::Table = toml::from_str(&manifest).unwrap();
        let dependencies = parsed["workspace"]["dependencies"].as_table().unwrap();
        assert!(dependencies.contains_key("course-testkit"));
        assert!(dependencies.contains_key("tokio"));
        assert!(!dependencies.contains_key("course-grading"));
        let packages = parsed["profile"]["dev"]["package"].as_table().unwrap();
        assert_eq!(packages.keys().collect::<Vec<_>>(), ["*"]);
    }
}
