//! Grading a student: their `src/lib.rs` files, with the course's own checks and manifests,
//! and the report `cargo xtask check` prints and writes as JSON.

use crate::{Canonical, LibSource, Outcome, Plan, Role, Variant, VariantReport};
use anyhow::{Context, Result};
use course::Workspace;
use course::exercises::Exercise;
use serde::Serialize;
use std::path::Path;
use std::process::Command;

/// The plans that grade the student's copy of each exercise in `selected`, where the course's
/// files come from, and notes per exercise on where the student's copy differs.
pub fn plans(
    workspace: &Workspace,
    student_root: &Path,
    other_copy: bool,
    selected: &[Exercise],
) -> Result<(Source, Vec<Plan>, Vec<Vec<String>>)> {
    let source = if other_copy {
        Source::WorkingTree
    } else {
        Source::committed(&workspace.root)
    };
    let mut plans = Vec::new();
    let mut notes: Vec<Vec<String>> = Vec::new();
    for exercise in selected {
        let (canonical, exercise_notes) = canonical(workspace, exercise, &source, student_root)?;
        let student_dir = student_root
            .join("exercises")
            .join(&exercise.chapter)
            .join(&exercise.name);
        let student_manifest =
            std::fs::read_to_string(student_dir.join("Cargo.toml")).unwrap_or_default();
        let (dependencies, note) = crate::added_dependencies(&canonical, &student_manifest);
        let mut exercise_notes = exercise_notes;
        exercise_notes.extend(note);
        plans.push(Plan {
            exercise: exercise.clone(),
            canonical,
            variants: vec![Variant {
                role: Role::Student,
                lib: student_lib(&student_dir),
                only: None,
                dependencies,
            }],
        });
        notes.push(exercise_notes);
    }
    Ok((source, plans, notes))
}

/// The student's `src/lib.rs`; when it is missing, a library that says so when it is built,
/// so that this exercise fails and the others are graded.
fn student_lib(student_dir: &Path) -> LibSource {
    let lib = student_dir.join("src/lib.rs");
    if lib.is_file() {
        LibSource::File(lib)
    } else {
        LibSource::Text(format!(
            "compile_error!(\"{} is missing from the student's copy\");\n",
            lib.display()
        ))
    }
}

/// Where the course's own checks and manifests are read from.
#[derive(Debug, Clone)]
pub enum Source {
    /// The files as they are (grading another copy: ours is the course's).
    WorkingTree,
    /// As committed at a git revision (grading our own copy, whose files a student may edit).
    Git { revision: String },
}

impl Source {
    /// The revision the course came from: the upstream branch when there is one (a student's
    /// own commits are not the course's), else `HEAD`; the working tree outside git.
    fn committed(root: &Path) -> Self {
        for revision in ["@{upstream}", "HEAD"] {
            let verified = Command::new("git")
                .args(["rev-parse", "--verify", "--quiet", revision])
                .current_dir(root)
                .output()
                .is_ok_and(|out| out.status.success());
            if verified {
                return Source::Git {
                    revision: revision.into(),
                };
            }
        }
        Source::WorkingTree
    }

    pub fn describe(&self) -> String {
        match self {
            Source::WorkingTree => "checks as in this repository".into(),
            Source::Git { revision } => format!("checks as committed at {revision}"),
        }
    }

    /// The course's version of `relative`, or `None` when git does not have it.
    fn read(&self, root: &Path, relative: &str) -> Result<Option<String>> {
        match self {
            Source::WorkingTree => Ok(Some(course::read(&root.join(relative))?)),
            Source::Git { revision } => {
                let out = Command::new("git")
                    .args(["show", &format!("{revision}:{relative}")])
                    .current_dir(root)
                    .output()
                    .context("cannot run git")?;
                Ok(out
                    .status
                    .success()
                    .then(|| String::from_utf8_lossy(&out.stdout).into_owned()))
            }
        }
    }
}

/// The course's checks and manifest for `exercise`, and notes on where the student's copy
/// differs from them.
fn canonical(
    workspace: &Workspace,
    exercise: &Exercise,
    source: &Source,
    student_root: &Path,
) -> Result<(Canonical, Vec<String>)> {
    let folder = format!("exercises/{}/{}", exercise.chapter, exercise.name);
    let mut notes = Vec::new();
    let mut texts = Vec::new();
    for file in ["tests/checks.rs", "Cargo.toml"] {
        let relative = format!("{folder}/{file}");
        let theirs = std::fs::read_to_string(student_root.join(&relative)).ok();
        let ours = match source.read(&workspace.root, &relative)? {
            Some(text) => text,
            // Not committed yet (an author's new exercise): the working tree is the course's.
            None => course::read(&workspace.root.join(&relative))?,
        };
        if file == "tests/checks.rs" && theirs.as_deref() != Some(ours.as_str()) {
            notes.push(format!(
                "{relative} differs from the course's: graded with the course's checks"
            ));
        }
        texts.push(ours);
    }
    let manifest = texts.pop().unwrap_or_default();
    let checks = texts.pop().unwrap_or_default();
    Ok((Canonical::from_texts(checks, &manifest)?, notes))
}

/// The grading report, as `--json` writes it (schema: tools/grading/grade-report.schema.json).
#[derive(Debug, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub student: String,
    pub checked_with: String,
    pub score: Score,
    pub chapters: Vec<ChapterScore>,
    pub exercises: Vec<ExerciseReport>,
}

#[derive(Debug, Serialize)]
pub struct Score {
    pub passed: usize,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct ChapterScore {
    pub chapter: String,
    pub title: String,
    pub passed: usize,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct ExerciseReport {
    pub exercise: String,
    pub chapter: String,
    pub title: String,
    pub passed: bool,
    pub checks_expected: usize,
    pub checks_passed: usize,
    pub failed_checks: Vec<FailedCheck>,
    pub seconds: f64,
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct FailedCheck {
    pub name: String,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// What the exercise promised that this check holds.
    pub promises: Vec<String>,
}

/// The identifier of the report's format.
pub const REPORT_SCHEMA: &str = "course-grade-report/1";

impl Report {
    pub fn new(
        workspace: &Workspace,
        student_root: &Path,
        source: &Source,
        graded: &[VariantReport],
        notes: Vec<Vec<String>>,
    ) -> Self {
        let titles = course::chapters::chapters(&workspace.root).unwrap_or_default();
        let exercises: Vec<ExerciseReport> = graded
            .iter()
            .zip(notes)
            .map(|(variant, notes)| ExerciseReport {
                exercise: variant.exercise.package.clone(),
                chapter: variant.exercise.chapter.clone(),
                title: variant.exercise.meta.title.clone(),
                passed: variant.passed(),
                checks_expected: variant.checks.len(),
                checks_passed: variant
                    .checks
                    .iter()
                    .filter(|c| c.outcome == Outcome::Passed)
                    .count(),
                failed_checks: variant
                    .failed()
                    .map(|check| FailedCheck {
                        name: check.name.clone(),
                        outcome: check.outcome.clone(),
                        promises: variant
                            .exercise
                            .promises_of(&check.name)
                            .map(|p| p.promise.clone())
                            .collect(),
                    })
                    .collect(),
                seconds: variant.checks.iter().map(|c| c.seconds).sum(),
                notes,
            })
            .collect();
        let mut chapters: Vec<ChapterScore> = Vec::new();
        for exercise in &exercises {
            if chapters
                .last()
                .is_none_or(|c| c.chapter != exercise.chapter)
            {
                chapters.push(ChapterScore {
                    chapter: exercise.chapter.clone(),
                    title: titles
                        .iter()
                        .find(|c| c.id == exercise.chapter)
                        .map(|c| c.title.clone())
                        .unwrap_or_default(),
                    passed: 0,
                    total: 0,
                });
            }
            let chapter = chapters.last_mut().expect("pushed above");
            chapter.total += 1;
            chapter.passed += usize::from(exercise.passed);
        }
        Report {
            schema: REPORT_SCHEMA,
            student: student_root.display().to_string(),
            checked_with: source.describe(),
            score: Score {
                passed: exercises.iter().filter(|e| e.passed).count(),
                total: exercises.len(),
            },
            chapters,
            exercises,
        }
    }
}
