//! `cargo xtask check`: grades a student's exercises with the course's own checks.

use crate::Workspace;
use crate::grade::{self, Canonical, LibSource, Outcome, Plan, Role, Variant, VariantReport};
use anyhow::{Context, Result, bail};
use course::exercises::Exercise;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Chapters (`ch01`) or exercises (`ch01-parallel-score`) to grade; all when none is given
    #[arg(value_name = "CHAPTER|EXERCISE")]
    pub targets: Vec<String>,
    /// Grade the exercises of a student's copy of the course (the folder with its
    /// `exercises/`), with this repository's checks
    #[arg(long, value_name = "DIR")]
    pub student: Option<PathBuf>,
    /// Also write the report as JSON to FILE (`-` for standard output), for a class's scripts;
    /// its schema is tools/xtask/grade-report.schema.json
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Grade again whenever a file of the exercises changes, as rustlings does (Ctrl-C stops)
    #[arg(long)]
    pub watch: bool,
    /// For the course's authors: grade the starters, solutions and kept wrong answers of the
    /// chosen exercises as `cargo xtask test` does (starters fail, solutions pass, each wrong
    /// answer fails the check it names)
    #[arg(long, conflicts_with_all = ["student", "json", "watch"])]
    pub authors: bool,
}

pub fn run(workspace: &Workspace, args: Args) -> Result<()> {
    let all = course::exercises::exercises(&workspace.root)?;
    let selected = select(&workspace.root, all, &args.targets)?;
    if args.authors {
        return crate::test::grade_exercises(workspace, &selected).map(|summary| {
            for (what, detail, _) in summary {
                println!("  {what:<16} {detail}");
            }
        });
    }
    let student_root = match &args.student {
        Some(dir) => {
            let dir = dir.canonicalize().with_context(|| {
                format!("the student's folder {} does not exist", dir.display())
            })?;
            if !dir.join("exercises").is_dir() {
                bail!(
                    "{} has no exercises/ folder: pass the root of the student's copy of the course",
                    dir.display()
                );
            }
            dir
        }
        None => workspace.root.clone(),
    };
    if args.watch {
        if args.json.as_deref() == Some(Path::new("-")) {
            bail!("--watch prints for people; write the JSON to a file with --json FILE");
        }
        return watch(
            workspace,
            &student_root,
            args.student.is_some(),
            &selected,
            args.json.as_deref(),
        );
    }
    let report = grade_and_print(
        workspace,
        &student_root,
        args.student.is_some(),
        &selected,
        args.json.as_deref(),
    )?;
    if report.score.passed == report.score.total {
        Ok(())
    } else {
        bail!(
            "{} of {} exercise(s) do not pass their checks yet",
            report.score.total - report.score.passed,
            report.score.total
        )
    }
}

/// Grades `selected`, then grades again each exercise whose files change, until Ctrl-C.
fn watch(
    workspace: &Workspace,
    student_root: &Path,
    other_copy: bool,
    selected: &[Exercise],
    json: Option<&Path>,
) -> Result<()> {
    use notify::{RecursiveMode, Watcher};
    let (changed, changes) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !event.kind.is_access()
        {
            let _ = changed.send(event.paths);
        }
    })
    .context("cannot watch the exercises' files")?;
    let folder = |e: &Exercise| {
        student_root
            .join("exercises")
            .join(&e.chapter)
            .join(&e.name)
    };
    for exercise in selected {
        watcher
            .watch(&folder(exercise).join("src"), RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", folder(exercise).display()))?;
    }
    // Errors while grading are reported and the watch goes on: the next save may fix them.
    let grade_now = |exercises: &[Exercise]| {
        if let Err(error) = grade_and_print(workspace, student_root, other_copy, exercises, json) {
            eprintln!("error: {error:#}");
        }
        println!("\nWatching for changes (Ctrl-C stops)…");
    };
    grade_now(selected);
    loop {
        let Ok(first) = changes.recv() else {
            return Ok(());
        };
        // An editor's save is several events: gather them for a moment.
        let mut paths = first;
        while let Ok(more) = changes.recv_timeout(std::time::Duration::from_millis(300)) {
            paths.extend(more);
        }
        let touched: Vec<Exercise> = selected
            .iter()
            .filter(|e| paths.iter().any(|p| p.starts_with(folder(e))))
            .cloned()
            .collect();
        if !touched.is_empty() {
            grade_now(&touched);
        }
    }
}

/// The exercises named by `targets` (chapters or packages), or all of them.
pub fn select(root: &Path, all: Vec<Exercise>, targets: &[String]) -> Result<Vec<Exercise>> {
    if targets.is_empty() {
        return Ok(all);
    }
    for target in targets {
        if !all
            .iter()
            .any(|e| &e.chapter == target || &e.package == target)
        {
            bail!(
                "no chapter or exercise is called `{target}`; chapters with exercises: {}; an \
                 exercise looks like `{}`",
                course::exercises::chapters(root).join(", "),
                all.first().map_or("ch01-…", |e| e.package.as_str())
            );
        }
    }
    Ok(all
        .into_iter()
        .filter(|e| targets.iter().any(|t| t == &e.chapter || t == &e.package))
        .collect())
}

fn grade_and_print(
    workspace: &Workspace,
    student_root: &Path,
    other_copy: bool,
    selected: &[Exercise],
    json: Option<&Path>,
) -> Result<Report> {
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
        let (dependencies, note) = grade::added_dependencies(&canonical, &student_manifest);
        let mut exercise_notes = exercise_notes;
        exercise_notes.extend(note);
        plans.push(Plan {
            exercise: exercise.clone(),
            canonical,
            variants: vec![Variant {
                role: Role::Student,
                lib: LibSource::File(student_dir.join("src/lib.rs")),
                only: None,
                dependencies,
            }],
        });
        notes.push(exercise_notes);
    }
    let quiet_json = json == Some(Path::new("-"));
    if !quiet_json {
        println!(
            "Grading {} exercise(s) of {} with the course's checks ({})…",
            selected.len(),
            student_root.display(),
            source.describe()
        );
    }
    let graded = grade::grade(workspace, "check", &plans)?;
    let report = Report::new(workspace, student_root, &source, &graded, notes);
    if !quiet_json {
        print_report(&report, &graded);
    }
    if let Some(path) = json {
        let text = serde_json::to_string_pretty(&report)? + "\n";
        if quiet_json {
            print!("{text}");
        } else {
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            println!("Wrote the report to {}.", path.display());
        }
    }
    Ok(report)
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

    fn describe(&self) -> String {
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

/// The grading report, as `--json` writes it (schema: tools/xtask/grade-report.schema.json).
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
    fn new(
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

/// How many failing checks to show per exercise: the first ones say enough, and a starter's
/// `todo!()` fails every check the same way.
const SHOWN_FAILURES: usize = 2;

fn print_report(report: &Report, graded: &[VariantReport]) {
    for chapter in &report.chapters {
        println!(
            "\n{} {}: {} of {} exercise(s) pass",
            chapter.chapter, chapter.title, chapter.passed, chapter.total
        );
        for (exercise, variant) in report
            .exercises
            .iter()
            .zip(graded)
            .filter(|(e, _)| e.chapter == chapter.chapter)
        {
            let mark = if exercise.passed { "✓" } else { "✗" };
            println!("  {mark} {} ({})", exercise.title, exercise.exercise);
            for note in &exercise.notes {
                println!("      note: {note}");
            }
            if exercise.passed {
                continue;
            }
            for failed in exercise.failed_checks.iter().take(SHOWN_FAILURES) {
                let (verb, message) = match &failed.outcome {
                    Outcome::Failed(message) => ("failed", message.as_str()),
                    Outcome::NotRun(message) => ("did not run", message.as_str()),
                    Outcome::Passed => continue,
                };
                println!("      check `{}` {verb}:", failed.name);
                for line in message.lines().take(14) {
                    println!("        {line}");
                }
                for promise in &failed.promises {
                    println!("        (it holds the promise: {promise})");
                }
            }
            if exercise.failed_checks.len() > SHOWN_FAILURES {
                println!(
                    "      … and {} more failing check(s)",
                    exercise.failed_checks.len() - SHOWN_FAILURES
                );
            }
            let hints = &variant.exercise.meta.hints;
            if let Some(first) = hints.first() {
                println!(
                    "      hint 1 of {}: {}",
                    hints.len(),
                    indent(first, "        ")
                );
                if hints.len() > 1 {
                    println!("      more hints: cargo xtask hint {}", exercise.exercise);
                }
            }
            println!(
                "      run the checks alone: cargo test -p {}",
                exercise.exercise
            );
        }
    }
    println!(
        "\nScore: {} of {} exercise(s) pass ({}).",
        report.score.passed,
        report.score.total,
        report
            .chapters
            .iter()
            .map(|c| format!("{} {}/{}", c.chapter, c.passed, c.total))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

fn indent(text: &str, prefix: &str) -> String {
    text.trim().replace('\n', &format!("\n{prefix}"))
}
