//! `cargo xtask check [CHAPTER|EXERCISE]`: grades exercises the way a student runs them.

use crate::cargo::{TestRun, build_tests, run_test_binary};
use course::exercises::{Exercise, chapters, exercises};
use std::path::Path;

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
        for (name, message) in &run.failures {
            println!("      check `{name}` failed:");
            for line in message.lines().take(12) {
                println!("        {line}");
            }
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
    let package = |e: &Exercise| match side {
        Side::Starter => e.package.clone(),
        Side::Solution => e.solution_package.clone(),
    };
    let names: Vec<String> = selected.iter().map(package).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let executables = build_tests(root, &names)?;
    Ok(selected
        .iter()
        .map(|exercise| {
            let dir = match side {
                Side::Starter => &exercise.starter_dir,
                Side::Solution => &exercise.solution_dir,
            };
            let mut run = TestRun::default();
            for executable in executables.get(dir).into_iter().flatten() {
                let one = run_test_binary(executable);
                run.passed += one.passed;
                run.failures.extend(one.failures);
                run.broken = run.broken.or(one.broken);
            }
            Graded {
                exercise: exercise.clone(),
                run,
            }
        })
        .collect())
}
