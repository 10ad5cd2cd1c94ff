//! `cargo xtask test`: every check of the course, then a summary of what was checked.

use crate::book::inventory;
use crate::cargo::{cargo, run_visible};
use crate::check::{Side, grade, run_checks};
use course::exercises::WrongAnswer;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    crate::reject_unknown(args, &[], "cargo xtask test")?;
    let started = Instant::now();
    let exercises = course::exercises::exercises(root)?;
    let wrong_answers = course::exercises::wrong_answers(root)?;
    let counts = inventory(root)?;

    step("formatting (cargo fmt --check)");
    let mut fmt = cargo(root);
    fmt.args(["fmt", "--all", "--check"]);
    run_visible(fmt, "cargo fmt --check (run `cargo fmt --all` to fix)")?;

    // Starters and wrong answers fail by design; they are checked below, the other way round.
    let mut excluded = Vec::new();
    let must_fail = exercises
        .iter()
        .map(|e| &e.package)
        .chain(wrong_answers.iter().map(|w| &w.package));
    for package in must_fail {
        excluded.extend(["--exclude".to_string(), package.clone()]);
    }

    step("tests: listings and their outputs, inline blocks, compile-fail cases, solutions, book");
    let mut test = cargo(root);
    test.args(["test", "--workspace", "--no-fail-fast"])
        .args(&excluded);
    run_visible(test, "cargo test")?;

    step("lints (cargo clippy, warnings are errors)");
    let mut clippy = cargo(root);
    clippy
        .args(["clippy", "--workspace", "--all-targets", "--quiet"])
        .args(&excluded)
        .args(["--", "--deny", "warnings"]);
    run_visible(clippy, "cargo clippy")?;

    step(
        "exercises: every starter and wrong answer compiles and fails its checks, every solution passes",
    );
    let mut problems = Vec::new();
    for graded in grade(root, &exercises, Side::Starter)? {
        let run = &graded.run;
        if let Some(reason) = &run.broken {
            problems.push(format!("starter {}: {reason}", graded.exercise.package));
        } else if run.failures.is_empty() {
            problems.push(format!(
                "starter {} passes its checks without any work: the checks must fail until the exercise is solved",
                graded.exercise.package
            ));
        }
    }
    for graded in grade(root, &exercises, Side::Solution)? {
        if !graded.run.succeeded() {
            problems.push(format!(
                "solution {} fails its checks: {:?}",
                graded.exercise.solution_package, graded.run.failures
            ));
        }
    }
    problems.extend(check_wrong_answers(root, &wrong_answers, &exercises)?);
    if !problems.is_empty() {
        return Err(format!(
            "exercise checks failed:\n  {}",
            problems.join("\n  ")
        ));
    }

    let python = course::listings::python_listings(root).len();
    let passed = counts.listings
        + python
        + counts.inline_blocks
        + counts.compile_fail_cases
        + 2 * exercises.len()
        + wrong_answers.len()
        + 1;
    println!("\n== What was checked ({:.0?}) ==", started.elapsed());
    println!(
        "  listings         {:>4}  run, output matched against output.txt (and recorded runs)",
        counts.listings
    );
    println!(
        "  python listings  {python:>4}  run with python3, output matched against their pattern"
    );
    println!(
        "  inline blocks    {:>4}  written on a page, compiled and run as doctests",
        counts.inline_blocks
    );
    println!(
        "  included blocks  {:>4}  on pages from listings, exercises, solutions (compiled with their crates)",
        counts.included_blocks
    );
    println!(
        "  compile-fail     {:>4}  cases fail with the pinned compiler message ({} shown on pages)",
        counts.compile_fail_cases, counts.compile_fail_blocks
    );
    println!(
        "  exercises        {:>4}  starter compiles and fails its checks; solution passes them",
        exercises.len()
    );
    println!(
        "  wrong answers    {:>4}  plausible mistakes, each failing the check that should catch it",
        wrong_answers.len()
    );
    println!("  book                   built; includes, anchors, links and SUMMARY.md checked");
    println!("course: {passed} passed, 0 failed");
    Ok(())
}

/// Every wrong answer must compile and fail the very check its manifest names.
fn check_wrong_answers(
    root: &Path,
    wrong_answers: &[WrongAnswer],
    exercises: &[course::exercises::Exercise],
) -> Result<Vec<String>, String> {
    let crates: Vec<(String, PathBuf)> = wrong_answers
        .iter()
        .map(|w| (w.package.clone(), w.dir.clone()))
        .collect();
    let runs = run_checks(root, &crates)?;
    let mut problems = Vec::new();
    for (wrong, run) in wrong_answers.iter().zip(runs) {
        if !exercises.iter().any(|e| e.package == wrong.exercise) {
            problems.push(format!(
                "{}: no exercise is called `{}`",
                wrong.package, wrong.exercise
            ));
        }
        let caught = run
            .failures
            .iter()
            .any(|(name, _)| name == &wrong.caught_by);
        if !caught {
            problems.push(format!(
                "{} ({}): the check `{}` should fail on it but did not{}",
                wrong.package,
                wrong.mistake,
                wrong.caught_by,
                run.broken.map(|b| format!(" ({b})")).unwrap_or_default()
            ));
        }
    }
    Ok(problems)
}

fn step(what: &str) {
    println!("\n== {what} ==");
}
