//! Exercises: a starter crate under `exercises/<chapter>/<name>/` and its reference solution
//! under `solutions/<chapter>/<name>/`, both checked by the starter's `tests/checks.rs`.
//!
//! Wrong answers live under `wrong-answers/<chapter>/<name>-<mistake>/`: plausible mistakes a
//! student could make, each checked by the same `tests/checks.rs`. The test command proves that
//! the check named in the wrong answer's `caught-by` fails on it.

use std::path::{Path, PathBuf};

/// One exercise: where its two crates are and what its starter's `Cargo.toml` says about it.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// The chapter folder (`ch01`).
    pub chapter: String,
    /// The starter's package name (`ch01-parallel-score`).
    pub package: String,
    /// The solution's package name (`ch01-parallel-score-solution`).
    pub solution_package: String,
    pub starter_dir: PathBuf,
    pub solution_dir: PathBuf,
    /// `[package.metadata.course] title`, which starts with the exercise's number (`1.2 …`).
    pub title: String,
    /// `[package.metadata.course] hint`: one step towards the answer, not the answer.
    pub hint: String,
}

/// A plausible wrong answer to an exercise, kept to prove that the checks reject it.
#[derive(Debug, Clone)]
pub struct WrongAnswer {
    pub package: String,
    pub dir: PathBuf,
    /// The starter's package name of the exercise it answers.
    pub exercise: String,
    /// What the student got wrong, in a few words.
    pub mistake: String,
    /// The check (test function name) that must fail on it.
    pub caught_by: String,
}

/// Every exercise of the course, sorted by chapter and exercise number.
pub fn exercises(root: &Path) -> Result<Vec<Exercise>, String> {
    let mut found = Vec::new();
    for chapter_dir in crate::subdirs(&root.join("exercises")) {
        let chapter = folder_name(&chapter_dir);
        for starter_dir in crate::subdirs(&chapter_dir) {
            let (name, course) = read_manifest(&starter_dir)?;
            found.push(Exercise {
                solution_package: format!("{name}-solution"),
                package: name,
                solution_dir: root
                    .join("solutions")
                    .join(&chapter)
                    .join(folder_name(&starter_dir)),
                chapter: chapter.clone(),
                title: field(&course, "title", &starter_dir)?,
                hint: field(&course, "hint", &starter_dir)?,
                starter_dir,
            });
        }
    }
    found.sort_by_key(|e| (e.chapter.clone(), number(&e.title)));
    Ok(found)
}

/// Every wrong answer kept under `wrong-answers/`.
pub fn wrong_answers(root: &Path) -> Result<Vec<WrongAnswer>, String> {
    let mut found = Vec::new();
    for chapter_dir in crate::subdirs(&root.join("wrong-answers")) {
        for dir in crate::subdirs(&chapter_dir) {
            let (package, course) = read_manifest(&dir)?;
            found.push(WrongAnswer {
                package,
                exercise: field(&course, "exercise", &dir)?,
                mistake: field(&course, "mistake", &dir)?,
                caught_by: field(&course, "caught-by", &dir)?,
                dir,
            });
        }
    }
    Ok(found)
}

/// The chapter folders that have exercises (`ch01`, `ch02`, …).
pub fn chapters(root: &Path) -> Vec<String> {
    crate::subdirs(&root.join("exercises"))
        .iter()
        .map(|d| folder_name(d))
        .collect()
}

fn folder_name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

/// The package name and the `[package.metadata.course]` table of the crate in `dir`.
fn read_manifest(dir: &Path) -> Result<(String, toml::Table), String> {
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let value: toml::Table = text
        .parse()
        .map_err(|e| format!("{}: {e}", manifest.display()))?;
    let package = value
        .get("package")
        .ok_or_else(|| format!("{}: no [package]", manifest.display()))?;
    let name = package
        .get("name")
        .and_then(|n| n.as_str())
        .unwrap_or_default()
        .to_string();
    let course = package
        .get("metadata")
        .and_then(|m| m.get("course"))
        .and_then(|c| c.as_table())
        .cloned()
        .ok_or_else(|| format!("{}: no [package.metadata.course]", manifest.display()))?;
    Ok((name, course))
}

fn field(course: &toml::Table, key: &str, dir: &Path) -> Result<String, String> {
    course
        .get(key)
        .and_then(|v| v.as_str())
        .map(|s| s.trim().to_string())
        .ok_or_else(|| {
            format!(
                "{}/Cargo.toml: [package.metadata.course] has no `{key}`",
                dir.display()
            )
        })
}

/// The exercise number at the start of a title (`1.10 Title` → `[1, 10]`), for sorting.
fn number(title: &str) -> Vec<u32> {
    title
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .split('.')
        .map_while(|part| part.parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn exercise_numbers_sort_as_numbers() {
        assert!(number("1.2 Read sensors") < number("1.10 Later"));
        assert_eq!(number("Untitled"), Vec::<u32>::new());
    }
}
