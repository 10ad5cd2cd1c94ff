//! `cargo xtask check [CHAPTER|EXERCISE]`: grades exercises the way a student runs them.

use crate::cargo::{TestRun, build_tests, run_test_binary};
use course::exercises::{Exercise, chapters, exercises};
use std::path::{Path, PathBuf};

/// How many failing checks to print per exercise.
const SHOWN_FAILURES: usize = 2;

const USAGE: &str =
    "cargo xtask check [CHAPTER|EXERCISE] (for example `ch01` or `ch01-parallel-sum`)";

/// Which crate of an exercise to grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The student's crate under `exercises/`.
    Starter,
    /// The reference solution under `solutions/`.
    Solution,
}

/// The result of running one exercise's checks.
pub struct Graded {
    pub exercise: Exercise,
    pub run: TestRun,
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    if args.len() > 1 {
        return Err(format!("too many arguments; usage: {USAGE}"));
    }
    let all = exercises(root)?;
    let selected: Vec<Exercise> = match args.first() {
        None => all,
        Some(wanted) => {
            let chosen: Vec<Exercise> = all
                .into_iter()
                .filter(|e| &e.chapter == wanted || &e.package == wanted)
                .collect();
            if chosen.is_empty() {
                return Err(format!(
                    "no chapter or exercise is called `{wanted}`; chapters with exercises: {}",
                    chapters(root).join(", ")
                ));
            }
            chosen
        }
    };
    let graded = grade(root, &selected, Side::Starter)?;
    let passed = graded.iter().filter(|g| g.run.succeeded()).count();
    let mut chapter = String::new();
    for Graded { exercise, run } in &graded {
        if exercise.chapter != chapter {
            chapter.clone_from(&exercise.chapter);
            println!("\n{chapter}");
        }
        if run.succeeded() {
            println!("  ✓ {} ({})", exercise.title, exercise.package);
            continue;
        }
        println!("  ✗ {} ({})", exercise.title, exercise.package);
        if let Some(reason) = &run.broken {
            println!("      {reason}");
        }
        // The first failures say enough; a starter's `todo!()` fails every check the same way.
        for (name, message) in run.failures.iter().take(SHOWN_FAILURES) {
            println!("      check `{name}` failed:");
            for line in message.lines().take(12) {
                println!("        {line}");
            }
        }
        if run.failures.len() > SHOWN_FAILURES {
            println!(
                "      … and {} more failing check(s)",
                run.failures.len() - SHOWN_FAILURES
            );
        }
        println!(
            "      hint: {}",
            exercise.hint.replace('\n', "\n            ")
        );
        println!("      rerun: cargo test -p {}", exercise.package);
    }
    println!("\n{passed} of {} exercises pass.", graded.len());
    if passed == graded.len() {
        Ok(())
    } else {
        Err(format!(
            "{} exercise(s) still fail their checks",
            graded.len() - passed
        ))
    }
}

/// Builds and runs the checks of `selected`, on the student's side or the solution's.
pub fn grade(root: &Path, selected: &[Exercise], side: Side) -> Result<Vec<Graded>, String> {
    let crates: Vec<(String, PathBuf)> = selected
        .iter()
        .map(|e| match side {
            Side::Starter => (e.package.clone(), e.starter_dir.clone()),
            Side::Solution => (e.solution_package.clone(), e.solution_dir.clone()),
        })
        .collect();
    let runs = run_checks(root, &crates)?;
    Ok(selected
        .iter()
        .cloned()
        .zip(runs)
        .map(|(exercise, run)| Graded { exercise, run })
        .collect())
}

/// Builds the tests of the given crates (package name, folder) in one cargo call, then runs
/// each crate's test binaries and gathers what they report.
pub fn run_checks(root: &Path, crates: &[(String, PathBuf)]) -> Result<Vec<TestRun>, String> {
    let names: Vec<&str> = crates.iter().map(|(name, _)| name.as_str()).collect();
    let executables = build_tests(root, &names)?;
    Ok(crates
        .iter()
        .map(|(_, dir)| {
            let mut run = TestRun::default();
            for executable in executables.get(dir).into_iter().flatten() {
                let one = run_test_binary(executable);
                run.passed += one.passed;
                run.failures.extend(one.failures);
                run.broken = run.broken.or(one.broken);
            }
            run
        })
        .collect())
}
