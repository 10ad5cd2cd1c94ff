//! Exercises: a starter crate under `exercises/<chapter>/<name>/` and its reference solution
//! under `solutions/<chapter>/<name>/`, both checked by the starter's `tests/checks.rs`.
//!
//! An exercise's manifest (`[package.metadata.course]` of the starter's `Cargo.toml`) is the one
//! place where its title, minutes, hints and promises are written: the book's exercise pages,
//! the instructor table and `cargo xtask check` are generated from it.
//!
//! Wrong answers live in `wrong-answers/<chapter>/<name>/<mistake>.rs`: plausible mistakes a
//! student could make, each written as the items it changes in the solution (usually one
//! function). The test command proves that the check each one names fails on it.

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Not a test of `tests/checks.rs` but a check the grader makes itself: the student's crate
/// builds with the dependencies its manifest gives, without tokio's test-only features
/// (`tokio::time::advance` and `pause` exist only with `test-util`, which the checks need).
pub const BUILDS_WITHOUT_TEST_UTIL: &str = "builds-without-test-util";

/// One exercise: where its two crates are and what its manifest says about it.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// The chapter folder (`ch01`).
    pub chapter: String,
    /// The folder name (`parallel-score`).
    pub name: String,
    /// The starter's package name (`ch01-parallel-score`).
    pub package: String,
    /// The starter's library name (`parallel_score`), which the checks `use`.
    pub lib_name: String,
    /// The solution's package name (`ch01-parallel-score-solution`).
    pub solution_package: String,
    pub starter_dir: PathBuf,
    pub solution_dir: PathBuf,
    pub meta: ExerciseMeta,
}

impl Exercise {
    /// `tests/checks.rs` of the starter: the only copy of the checks.
    pub fn checks_file(&self) -> PathBuf {
        self.starter_dir.join("tests/checks.rs")
    }

    /// The exercise's number (`1.2`), from its title.
    pub fn number(&self) -> &str {
        self.meta
            .title
            .split_whitespace()
            .next()
            .unwrap_or_default()
    }

    /// The promises that name `check`.
    pub fn promises_of(&self, check: &str) -> impl Iterator<Item = &Promise> {
        self.meta
            .promises
            .iter()
            .filter(move |p| p.checks.iter().any(|c| c == check))
    }
}

/// `[package.metadata.course]` of a starter.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ExerciseMeta {
    /// `"N.M Title"`.
    pub title: String,
    /// A first estimate of the minutes a student needs.
    pub minutes: u32,
    /// Step by step: a nudge first, each one closer to the answer, never the whole answer.
    pub hints: Vec<String>,
    /// What the exercise's text promises, each with the checks that hold it.
    #[serde(default)]
    pub promises: Vec<Promise>,
    /// Kinds of mistake that cannot happen in this exercise, each with the reason.
    #[serde(default)]
    pub not_applicable: BTreeMap<MistakeKind, String>,
}

/// One thing the exercise's text promises, and the checks that hold it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promise {
    pub promise: String,
    pub checks: Vec<String>,
}

/// The kinds of plausible wrong answer that every exercise must reject where they apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MistakeKind {
    /// Does one after another what was asked at once.
    Sequential,
    /// Does more than asked: more threads, tasks or attempts than the text allows.
    MoreThanAsked,
    /// Blocks the runtime's thread.
    Blocking,
    /// Spins (polls, yields, checks the clock) instead of waiting to be woken.
    BusyWait,
    /// Leaves tasks, threads or other resources behind.
    Leak,
    /// Only right for inputs in a friendly order, or without duplicates.
    FriendlyInputs,
    /// Wrong at the smallest or the largest legal input.
    EdgeCase,
    /// Swallows an error, replaces it, or panics instead of returning it.
    ErrorHandling,
    /// Computes a wrong value that a lazy check would not compare.
    WrongValue,
    /// Moves tokio's paused clock (`advance`, `pause`) instead of waiting.
    ClockGaming,
    /// Changes a constant of its own crate that a check could rely on.
    ConstantGaming,
}

impl MistakeKind {
    /// Every kind, in order.
    pub const ALL: [MistakeKind; 11] = [
        MistakeKind::Sequential,
        MistakeKind::MoreThanAsked,
        MistakeKind::Blocking,
        MistakeKind::BusyWait,
        MistakeKind::Leak,
        MistakeKind::FriendlyInputs,
        MistakeKind::EdgeCase,
        MistakeKind::ErrorHandling,
        MistakeKind::WrongValue,
        MistakeKind::ClockGaming,
        MistakeKind::ConstantGaming,
    ];

    /// The kebab-case name used in files (`busy-wait`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// What the kind means, for pages and reports.
    pub fn describe(self) -> &'static str {
        match self {
            MistakeKind::Sequential => "does one after another what was asked at once",
            MistakeKind::MoreThanAsked => "does more than asked (more threads, tasks, attempts)",
            MistakeKind::Blocking => "blocks the runtime's thread",
            MistakeKind::BusyWait => "spins instead of waiting to be woken",
            MistakeKind::Leak => "leaves tasks or threads behind",
            MistakeKind::FriendlyInputs => "only fits inputs in a friendly order",
            MistakeKind::EdgeCase => "is wrong at the smallest or largest legal input",
            MistakeKind::ErrorHandling => "swallows, replaces or panics on an error",
            MistakeKind::WrongValue => "computes a wrong value",
            MistakeKind::ClockGaming => "moves tokio's clock instead of waiting",
            MistakeKind::ConstantGaming => "changes a constant the checks could rely on",
        }
    }
}

/// A plausible wrong answer to an exercise, kept to prove that the checks reject it.
#[derive(Debug, Clone)]
pub struct WrongAnswer {
    /// The starter's package name of the exercise it answers (`ch01-parallel-score`).
    pub exercise: String,
    /// The file's name without `.rs` (`sequential`).
    pub slug: String,
    pub path: PathBuf,
    /// What the student got wrong, in a sentence (the file's first doc paragraph).
    pub mistake: String,
    pub kind: MistakeKind,
    /// The check (a test function of `tests/checks.rs`, or [`BUILDS_WITHOUT_TEST_UTIL`]) that
    /// must fail on it.
    pub caught_by: String,
    /// Workspace dependencies the wrong answer adds, as a student would add them to the
    /// starter's `Cargo.toml` (`//! dependencies: futures`).
    pub dependencies: Vec<String>,
    /// The file's text: the items that replace the solution's items of the same name.
    pub source: String,
}

/// Every exercise of the course, sorted by chapter and exercise number.
pub fn exercises(root: &Path) -> Result<Vec<Exercise>> {
    let mut found = Vec::new();
    for chapter_dir in crate::subdirs(&root.join("exercises")) {
        let chapter = crate::file_name(&chapter_dir);
        for starter_dir in crate::subdirs(&chapter_dir) {
            if !starter_dir.join("Cargo.toml").is_file() {
                continue;
            }
            let name = crate::file_name(&starter_dir);
            let manifest: Manifest = read_manifest(&starter_dir.join("Cargo.toml"))?;
            let meta = manifest.package.metadata.course.with_context(|| {
                format!(
                    "{}/Cargo.toml has no [package.metadata.course] (title, minutes, hints, \
                     promises)",
                    starter_dir.display()
                )
            })?;
            let package = manifest.package.name;
            found.push(Exercise {
                solution_package: format!("{package}-solution"),
                lib_name: manifest
                    .lib
                    .and_then(|lib| lib.name)
                    .unwrap_or_else(|| package.replace('-', "_")),
                package,
                solution_dir: root.join("solutions").join(&chapter).join(&name),
                chapter: chapter.clone(),
                name,
                starter_dir,
                meta,
            });
        }
    }
    found.sort_by_key(|e| (e.chapter.clone(), number(&e.meta.title)));
    Ok(found)
}

/// Every wrong answer kept under `wrong-answers/`, by exercise then file name.
pub fn wrong_answers(root: &Path) -> Result<Vec<WrongAnswer>> {
    let mut found = Vec::new();
    for chapter_dir in crate::subdirs(&root.join("wrong-answers")) {
        let chapter = crate::file_name(&chapter_dir);
        for exercise_dir in crate::subdirs(&chapter_dir) {
            let exercise = format!("{chapter}-{}", crate::file_name(&exercise_dir));
            for path in crate::files_with_extension(&exercise_dir, "rs") {
                found.push(parse_wrong_answer(&exercise, &path)?);
            }
        }
    }
    Ok(found)
}

fn parse_wrong_answer(exercise: &str, path: &Path) -> Result<WrongAnswer> {
    let source = crate::read(path)?;
    let header = parse_header(&source).with_context(|| {
        format!(
            "{}: a wrong answer starts with `//!` lines: a sentence saying the mistake, a blank \
             `//!` line, then `//! kind: …` and `//! caught-by: …`",
            path.display()
        )
    })?;
    Ok(WrongAnswer {
        exercise: exercise.to_string(),
        slug: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.to_path_buf(),
        mistake: header.mistake,
        kind: header.kind,
        caught_by: header.caught_by,
        dependencies: header.dependencies,
        source,
    })
}

#[derive(Debug)]
struct Header {
    mistake: String,
    kind: MistakeKind,
    caught_by: String,
    dependencies: Vec<String>,
}

fn parse_header(source: &str) -> Result<Header> {
    let mut mistake = Vec::new();
    let mut fields = BTreeMap::new();
    let mut in_mistake = true;
    for line in source.lines().map_while(|l| l.strip_prefix("//!")) {
        let line = line.trim();
        if line.is_empty() {
            in_mistake = false;
        } else if let Some((key, value)) = line
            .split_once(':')
            .filter(|(k, _)| ["kind", "caught-by", "dependencies"].contains(&k.trim()))
        {
            fields.insert(key.trim().to_string(), value.trim().to_string());
            in_mistake = false;
        } else if in_mistake {
            mistake.push(line);
        }
    }
    if mistake.is_empty() {
        bail!("no sentence saying the mistake");
    }
    let kind = fields.get("kind").context("no `//! kind:` line")?;
    let kind: MistakeKind = serde_json::from_value(serde_json::Value::String(kind.clone()))
        .map_err(|_| {
            anyhow::anyhow!(
                "unknown kind `{kind}`; kinds: {}",
                MistakeKind::ALL.map(MistakeKind::name).join(", ")
            )
        })?;
    Ok(Header {
        mistake: mistake.join(" "),
        kind,
        caught_by: fields
            .get("caught-by")
            .context("no `//! caught-by:` line")?
            .clone(),
        dependencies: fields
            .get("dependencies")
            .map(|list| {
                list.split(',')
                    .map(|d| d.trim().to_string())
                    .filter(|d| !d.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// The names of the test functions of a checks file (`#[test]` or `#[tokio::test]` functions),
/// in the order they are written.
pub fn check_names(checks_source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut after_test_attribute = false;
    for line in checks_source.lines().map(str::trim) {
        if line.starts_with("#[test]") || line.starts_with("#[tokio::test") {
            after_test_attribute = true;
        } else if after_test_attribute && let Some(at) = line.find("fn ") {
            let name: String = line[at + 3..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
            after_test_attribute = false;
        }
    }
    names
}

/// The chapter folders that have exercises (`ch01`, `ch02`, …).
pub fn chapters(root: &Path) -> Vec<String> {
    crate::subdirs(&root.join("exercises"))
        .iter()
        .filter(|d| !crate::subdirs(d).is_empty())
        .map(|d| crate::file_name(d))
        .collect()
}

#[derive(Deserialize)]
struct Manifest {
    package: Package,
    lib: Option<Lib>,
}

#[derive(Deserialize)]
struct Package {
    name: String,
    #[serde(default)]
    metadata: Metadata,
}

#[derive(Deserialize, Default)]
struct Metadata {
    course: Option<ExerciseMeta>,
}

#[derive(Deserialize)]
struct Lib {
    name: Option<String>,
}

fn read_manifest<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text = crate::read(path)?;
    toml::from_str(&text).with_context(|| format!("{} is not a valid manifest", path.display()))
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
    use super::*;

    #[test]
    fn exercise_numbers_sort_as_numbers() {
        assert!(number("1.2 Read sensors") < number("1.10 Later"));
        assert_eq!(number("Untitled"), Vec::<u32>::new());
    }

    #[test]
    fn a_wrong_answer_header_says_mistake_kind_and_check() {
        let source = "//! Joins each thread right after spawning it,\n//! so they run in turn.\n//!\n//! kind: sequential\n//! caught-by: runs_together\n\npub fn f() {}\n";
        let header = parse_header(source).unwrap();
        assert_eq!(
            header.mistake,
            "Joins each thread right after spawning it, so they run in turn."
        );
        assert_eq!(header.kind, MistakeKind::Sequential);
        assert_eq!(header.caught_by, "runs_together");
        assert!(header.dependencies.is_empty());
        let with_dependency =
            parse_header("//! Uses join_all.\n//!\n//! kind: sequential\n//! caught-by: x\n//! dependencies: futures, tokio-util\n").unwrap();
        assert_eq!(with_dependency.dependencies, ["futures", "tokio-util"]);
        let unknown = parse_header("//! Wrong.\n//!\n//! kind: sloppy\n//! caught-by: x\n");
        assert!(unknown.unwrap_err().to_string().contains("busy-wait"));
        assert!(parse_header("pub fn f() {}").is_err());
    }

    #[test]
    fn check_names_are_the_test_functions() {
        let checks = "use x::y;\n\n#[test]\nfn adds_up() {}\n\nfn helper() {}\n\n#[test]\n#[should_panic]\nfn panics() {}\n#[tokio::test(start_paused = true)]\nasync fn waits() {}\n";
        assert_eq!(check_names(checks), ["adds_up", "panics", "waits"]);
    }

    #[test]
    fn every_kind_has_a_name() {
        for kind in MistakeKind::ALL {
            assert!(!kind.name().is_empty());
        }
        assert_eq!(MistakeKind::BusyWait.name(), "busy-wait");
    }
}
