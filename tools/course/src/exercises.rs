//! Exercises: a starter crate under `exercises/<chapter>/<name>/` and its reference solution
//! under `solutions/<chapter>/<name>/`, both checked by the starter's `tests/checks.rs`.

use std::path::{Path, PathBuf};

/// One exercise: where its two crates are and what its starter's `Cargo.toml` says about it.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// The chapter folder (`ch01`).
    pub chapter: String,
    /// The starter's package name (`ch01-parallel-sum`).
    pub package: String,
    /// The solution's package name (`ch01-parallel-sum-solution`).
    pub solution_package: String,
    pub starter_dir: PathBuf,
    pub solution_dir: PathBuf,
    /// `[package.metadata.course] title`.
    pub title: String,
    /// `[package.metadata.course] hint`: one step towards the answer, not the answer.
    pub hint: String,
}

/// Every exercise of the course, or of one chapter, in order.
pub fn exercises(root: &Path) -> Result<Vec<Exercise>, String> {
    let mut found = Vec::new();
    for chapter_dir in crate::subdirs(&root.join("exercises")) {
        let chapter = chapter_dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for starter_dir in crate::subdirs(&chapter_dir) {
            let exercise_name = starter_dir.file_name().unwrap().to_owned();
            let manifest = starter_dir.join("Cargo.toml");
            let text = std::fs::read_to_string(&manifest)
                .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
            let value: toml::Table = text
                .parse()
                .map_err(|e| format!("{}: {e}", manifest.display()))?;
            let package = &value["package"];
            let course = package
                .get("metadata")
                .and_then(|m| m.get("course"))
                .ok_or_else(|| format!("{}: no [package.metadata.course]", manifest.display()))?;
            let field = |key: &str| -> Result<String, String> {
                course
                    .get(key)
                    .and_then(|v| v.as_str())
                    .map(|s| s.trim().to_string())
                    .ok_or_else(|| {
                        format!(
                            "{}: [package.metadata.course] has no `{key}`",
                            manifest.display()
                        )
                    })
            };
            let name = package["name"].as_str().unwrap_or_default().to_string();
            found.push(Exercise {
                chapter: chapter.clone(),
                solution_package: format!("{name}-solution"),
                package: name,
                solution_dir: root.join("solutions").join(&chapter).join(&exercise_name),
                starter_dir,
                title: field("title")?,
                hint: field("hint")?,
            });
        }
    }
    Ok(found)
}

/// The chapter folders that have exercises (`ch01`, `ch02`, …).
pub fn chapters(root: &Path) -> Vec<String> {
    crate::subdirs(&root.join("exercises"))
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}
