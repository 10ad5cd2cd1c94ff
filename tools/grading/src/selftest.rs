//! The grader, tried the way a student could try to bend it: a copy of the course whose checks
//! were edited to pass, whose manifest turns the checks off (`autotests = false` and one empty
//! unit test), or whose code ends the check's process before a check can fail. Each must still
//! be graded as failing, and the JSON report must match its schema.

use crate::student::{self, Report};
use anyhow::{Context, Result, bail};
use course::Workspace;
use course::exercises::Exercise;
use std::path::Path;

/// Grades the tampered copy; fails unless every trick was caught. Returns what was proven.
pub fn run(workspace: &Workspace) -> Result<String> {
    let exercises = course::exercises::exercises(&workspace.root)?;
    let [edited, exiting] = [0, 1].map(|i| exercises.get(i).cloned());
    let (Some(edited), Some(exiting)) = (edited, exiting) else {
        bail!("the grader's self-test needs two exercises");
    };
    let copy = workspace.target("course-grading/selftest-copy");
    let _ = std::fs::remove_dir_all(&copy);
    tamper_with_checks(&copy, &edited)?;
    end_the_process(&copy, &exiting)?;

    let selected = [edited.clone(), exiting.clone()];
    let (source, plans, notes) = student::plans(workspace, &copy, true, &selected)?;
    let graded = crate::grade(workspace, "selftest", &plans)?;
    let report = Report::new(workspace, &copy, &source, &graded, notes);

    let mut problems = Vec::new();
    for exercise in &report.exercises {
        if exercise.passed {
            problems.push(format!(
                "the tampered copy of {} was graded as passing",
                exercise.exercise
            ));
        }
    }
    let edited_report = &report.exercises[0];
    if !edited_report.notes.iter().any(|n| n.contains("differs")) {
        problems.push(format!(
            "the grader did not say that {}'s checks were edited",
            edited.package
        ));
    }
    let exiting_report = &report.exercises[1];
    if !exiting_report
        .failed_checks
        .iter()
        .any(|c| matches!(&c.outcome, crate::Outcome::Failed(m) if m.contains("without a verdict")))
    {
        problems.push(format!(
            "a check of {} ended the process and was not reported as such",
            exiting.package
        ));
    }
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../grade-report.schema.json"))
            .context("the report's schema is not JSON")?;
    let json = serde_json::to_value(&report)?;
    problems.extend(
        crate::schema::validate(&schema, &json)
            .into_iter()
            .map(|p| format!("the JSON report does not match its schema: {p}")),
    );
    if !problems.is_empty() {
        bail!("the grader can be bent:\n  {}", problems.join("\n  "));
    }
    Ok(format!(
        "a copy with edited checks and `autotests = false` ({}), and one whose code exits the \
         check's process ({}), both graded as failing; the JSON report matches its schema",
        edited.package, exiting.package
    ))
}

fn folder(copy: &Path, exercise: &Exercise) -> std::path::PathBuf {
    copy.join("exercises")
        .join(&exercise.chapter)
        .join(&exercise.name)
}

fn copy_starter(copy: &Path, exercise: &Exercise) -> Result<std::path::PathBuf> {
    let target = folder(copy, exercise);
    for file in ["Cargo.toml", "src/lib.rs", "tests/checks.rs"] {
        let to = target.join(file);
        std::fs::create_dir_all(to.parent().expect("a file in a folder"))?;
        std::fs::copy(exercise.starter_dir.join(file), &to)
            .with_context(|| format!("cannot copy {file} of {}", exercise.package))?;
    }
    Ok(target)
}

/// Checks that pass without work, a manifest that turns the course's checks off, and one
/// empty unit test, so that plain `cargo test` would report success.
fn tamper_with_checks(copy: &Path, exercise: &Exercise) -> Result<()> {
    let dir = copy_starter(copy, exercise)?;
    std::fs::write(
        dir.join("tests/checks.rs"),
        "#[test]\nfn everything_is_fine() {}\n",
    )?;
    let manifest = course::read(&dir.join("Cargo.toml"))?.replacen(
        "[package]\n",
        "[package]\nautotests = false\n",
        1,
    );
    std::fs::write(dir.join("Cargo.toml"), manifest)?;
    let mut lib = course::read(&dir.join("src/lib.rs"))?;
    lib.push_str("\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn compiles() {}\n}\n");
    std::fs::write(dir.join("src/lib.rs"), lib)?;
    Ok(())
}

/// Code that ends the process, with success, wherever the starter says `todo!`.
fn end_the_process(copy: &Path, exercise: &Exercise) -> Result<()> {
    let dir = copy_starter(copy, exercise)?;
    let lib = course::read(&dir.join("src/lib.rs"))?;
    let header_end = lib
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| l.len() + 1)
        .sum::<usize>();
    let exiting = format!(
        "{}\nmacro_rules! exit_instead {{\n    ($($anything:tt)*) => {{\n        std::process::exit(0)\n    }};\n}}\n{}",
        &lib[..header_end],
        lib[header_end..].replace("todo!", "exit_instead!")
    );
    std::fs::write(dir.join("src/lib.rs"), exiting)?;
    Ok(())
}
