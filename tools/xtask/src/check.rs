//! `cargo xtask check`: grades a student's exercises with the course's own checks.

use crate::Workspace;
use anyhow::{Context, Result, bail};
use course::exercises::Exercise;
use course_grading::student::Report;
use course_grading::{Outcome, VariantReport};
use std::path::{Path, PathBuf};

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
    /// its schema is tools/grading/grade-report.schema.json
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
    /// With --authors: print the message each wrong answer's check gives (what a student who
    /// makes that mistake reads)
    #[arg(long, requires = "authors")]
    pub verbose: bool,
}

pub fn run(workspace: &Workspace, args: Args) -> Result<()> {
    let all = course::exercises::exercises(&workspace.root)?;
    let selected = select(&workspace.root, all, &args.targets)?;
    if args.authors {
        return course_grading::authors::grade_exercises(workspace, &selected, args.verbose).map(
            |summary| {
                for (what, detail, _) in summary {
                    println!("  {what:<16} {detail}");
                }
            },
        );
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
    let (source, plans, notes) =
        course_grading::student::plans(workspace, student_root, other_copy, selected)?;
    let quiet_json = json == Some(Path::new("-"));
    if !quiet_json {
        println!(
            "Grading {} exercise(s) of {} with the course's checks ({})…",
            selected.len(),
            student_root.display(),
            source.describe()
        );
    }
    let graded = course_grading::grade(workspace, "check", &plans)?;
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
