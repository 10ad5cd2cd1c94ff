//! `cargo xtask test`: every check of the course, then a summary of what was observed.

use crate::Workspace;

use anyhow::{Context, Result, bail};

use course::process;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {}

/// The longest the workspace's tests may take together.
const TESTS_LIMIT: Duration = Duration::from_secs(60 * 60);

pub fn run(workspace: &Workspace, _args: Args) -> Result<()> {
    let started = *START.get_or_init(Instant::now);
    let root = &workspace.root;
    let exercises = course::exercises::exercises(root)?;
    let mut summary = Vec::new();

    step("formatting (cargo fmt --check)");
    let mut fmt = workspace.cargo();
    fmt.args(["fmt", "--all", "--check"]);
    run_visible(fmt, "cargo fmt --check (run `cargo fmt --all` to fix)")?;
    summary.push((
        "formatting",
        "every crate is as rustfmt writes it".to_string(),
        0,
    ));

    step("generated files: every recorded output, figure and table is current");
    let current = course::generated::check_all(workspace)?;
    summary.push((
        "generated files",
        format!("{current} files are what their command makes of their sources"),
        current,
    ));

    // Starters fail by design, and the grader checks starters and solutions below, with the
    // course's checks, one check per process.
    let mut excluded = Vec::new();
    for exercise in &exercises {
        for package in [&exercise.package, &exercise.solution_package] {
            excluded.extend(["--exclude".to_string(), package.clone()]);
        }
    }
    step(
        "tests: listings and their outputs, inline blocks, compile-fail cases, the book, the tools",
    );
    let mut test = workspace.cargo();
    test.args(["test", "--workspace", "--no-fail-fast"])
        .args(&excluded);
    let mut counts = TestCounts::default();
    let status = process::stream(&mut test, TESTS_LIMIT, |line| {
        println!("{line}");
        counts.add(line);
    })?;
    if !status.success() || counts.failed > 0 {
        bail!(
            "cargo test failed: {} passed, {} failed (the failures are above)",
            counts.passed,
            counts.failed
        );
    }
    summary.push((
        "cargo test",
        format!(
            "{} passed, 0 failed, {} ignored, in {} test binaries (listings against their \
             recorded output, inline blocks as doctests, compile-fail messages, book, tools)",
            counts.passed, counts.ignored, counts.binaries
        ),
        counts.passed,
    ));

    step("lints (cargo clippy, warnings are errors)");
    let mut clippy = workspace.cargo();
    clippy
        .args(["clippy", "--workspace", "--all-targets", "--quiet"])
        .args(
            exercises
                .iter()
                .flat_map(|e| ["--exclude".to_string(), e.package.clone()]),
        )
        .args(["--", "--deny", "warnings"]);
    run_visible(clippy, "cargo clippy")?;
    summary.push((
        "clippy",
        "no warnings in any crate but the starters".into(),
        0,
    ));

    step("exercises: starters fail, solutions pass, every wrong answer fails the check it names");
    summary.extend(course_grading::authors::grade_exercises(
        workspace, &exercises, false,
    )?);

    step("the grader, bent as a student could: edited checks, checks turned off, an exit");
    summary.push(("grader", course_grading::selftest::run(workspace)?, 3));

    step("scaffolding: a new exercise from the templates is graded both ways");
    summary.push((
        "scaffolding",
        crate::new::prove_exercise_template(workspace)?,
        2,
    ));

    println!(
        "\n== What was checked ({}) ==",
        minutes_seconds(started.elapsed())
    );
    let mut total = 0;
    for (what, detail, observed) in &summary {
        println!("  {what:<16} {detail}");
        total += observed;
    }
    println!("course: {total} checks observed passing, 0 failed");
    Ok(())
}

/// The counts of libtest's `test result:` lines.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TestCounts {
    pub passed: usize,
    pub failed: usize,
    pub ignored: usize,
    pub binaries: usize,
}

impl TestCounts {
    /// Adds a line of `cargo test`'s output if it is a `test result:` line.
    pub fn add(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        self.binaries += 1;
        for part in rest.split(';') {
            let words: Vec<&str> = part.split_whitespace().collect();
            let (Some(number), Some(what)) = (
                words
                    .iter()
                    .rev()
                    .nth(1)
                    .and_then(|n| n.parse::<usize>().ok()),
                words.last(),
            ) else {
                continue;
            };
            match *what {
                "passed" => self.passed += number,
                "failed" => self.failed += number,
                "ignored" => self.ignored += number,
                _ => {}
            }
        }
    }
}

fn run_visible(mut command: std::process::Command, what: &str) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot start {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// Starts a step, saying how long the command has run so far (where the time goes).
fn step(what: &str) {
    let elapsed = START.get_or_init(Instant::now).elapsed();
    println!("\n== {what} (at {}) ==", minutes_seconds(elapsed));
}

/// When the test command started.
static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

fn minutes_seconds(elapsed: Duration) -> String {
    let seconds = elapsed.as_secs();
    format!("{}m {:02}s", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::TestCounts;

    #[test]
    fn test_result_lines_are_added_up() {
        let mut counts = TestCounts::default();
        counts.add("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.2s");
        counts.add("running 3 tests");
        counts
            .add("test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out");
        assert_eq!(
            counts,
            TestCounts {
                passed: 14,
                failed: 1,
                ignored: 1,
                binaries: 2
            }
        );
    }
}
