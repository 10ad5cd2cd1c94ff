//! `cargo xtask test`: every check of the course, then a summary of what was observed.

use crate::Workspace;
use crate::grade::{self, Canonical, LibSource, Outcome, Plan, Role, Variant, VariantReport};
use anyhow::{Context, Result, bail};
use course::exercises::{Exercise, WrongAnswer};
use course::process;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {}

/// The longest the workspace's tests may take together.
const TESTS_LIMIT: Duration = Duration::from_secs(60 * 60);

pub fn run(workspace: &Workspace, _args: Args) -> Result<()> {
    let started = Instant::now();
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
    let current = crate::regen::check_all(workspace)?;
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
    summary.extend(grade_exercises(workspace, &exercises)?);

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

/// Grades the starters, solutions and kept wrong answers of `exercises`; fails with every
/// problem found, else returns the summary's lines.
pub fn grade_exercises(
    workspace: &Workspace,
    exercises: &[Exercise],
) -> Result<Vec<(&'static str, String, usize)>> {
    let wrong_answers: Vec<WrongAnswer> = course::exercises::wrong_answers(&workspace.root)?
        .into_iter()
        .filter(|w| exercises.iter().any(|e| e.package == w.exercise))
        .collect();
    let plans = plans(exercises, &wrong_answers)?;
    let graded = grade::grade(workspace, "test", &plans)?;
    let verdict = judge(&graded, &wrong_answers);
    for problem in &verdict.problems {
        eprintln!("  ✗ {problem}");
    }
    if !verdict.problems.is_empty() {
        bail!(
            "{} problem(s) with the exercises (listed above)",
            verdict.problems.len()
        );
    }
    Ok(vec![
        (
            "starters",
            format!(
                "{} compile (also without test-only features) and fail {} of their {} checks",
                exercises.len(),
                verdict.starter_checks_failed,
                verdict.starter_checks
            ),
            exercises.len(),
        ),
        (
            "solutions",
            format!(
                "{} pass all {} of their checks, each run alone",
                exercises.len(),
                verdict.solution_checks_passed
            ),
            verdict.solution_checks_passed,
        ),
        (
            "wrong answers",
            format!(
                "{} plausible mistakes, each failing the very check it names",
                wrong_answers.len()
            ),
            wrong_answers.len(),
        ),
    ])
}

/// One variant per starter and solution, and one per wrong answer that runs only the check it
/// names.
fn plans(exercises: &[Exercise], wrong_answers: &[WrongAnswer]) -> Result<Vec<Plan>> {
    for wrong in wrong_answers {
        if !exercises.iter().any(|e| e.package == wrong.exercise) {
            bail!(
                "{}: there is no exercise `{}` for this wrong answer",
                wrong.path.display(),
                wrong.exercise
            );
        }
    }
    let mut plans = Vec::new();
    for exercise in exercises {
        let canonical = Canonical::from_working_tree(exercise)?;
        let solution_lib = exercise.solution_dir.join("src/lib.rs");
        let solution = course::read(&solution_lib)?;
        let mut variants = vec![
            Variant {
                role: Role::Starter,
                lib: LibSource::File(exercise.starter_dir.join("src/lib.rs")),
                only: None,
                dependencies: toml::Table::new(),
            },
            Variant {
                role: Role::Solution,
                lib: LibSource::File(solution_lib),
                only: None,
                dependencies: toml::Table::new(),
            },
        ];
        for wrong in wrong_answers
            .iter()
            .filter(|w| w.exercise == exercise.package)
        {
            let patched = grade::patch::apply(&solution, &wrong.source)
                .with_context(|| format!("{}", wrong.path.display()))?;
            let mut dependencies = toml::Table::new();
            for name in &wrong.dependencies {
                let mut entry = toml::Table::new();
                entry.insert("workspace".into(), toml::Value::Boolean(true));
                dependencies.insert(name.clone(), toml::Value::Table(entry));
            }
            variants.push(Variant {
                role: Role::Wrong(wrong.slug.clone()),
                lib: LibSource::Text(patched),
                only: Some(vec![wrong.caught_by.clone()]),
                dependencies,
            });
        }
        plans.push(Plan {
            exercise: exercise.clone(),
            canonical,
            variants,
        });
    }
    Ok(plans)
}

#[derive(Default)]
struct Verdict {
    problems: Vec<String>,
    starter_checks: usize,
    starter_checks_failed: usize,
    solution_checks_passed: usize,
}

fn judge(graded: &[VariantReport], wrong_answers: &[WrongAnswer]) -> Verdict {
    let mut verdict = Verdict::default();
    for report in graded {
        let exercise = &report.exercise.package;
        let builds = |report: &VariantReport, verdict: &mut Verdict, what: &str| {
            for pseudo in [grade::BUILDS, course::exercises::BUILDS_WITHOUT_TEST_UTIL] {
                if let Some(Outcome::Failed(message) | Outcome::NotRun(message)) =
                    report.outcome_of(pseudo)
                {
                    verdict.problems.push(format!(
                        "{what} of {exercise}: `{pseudo}` failed:\n{message}"
                    ));
                }
            }
        };
        match &report.role {
            Role::Starter => {
                builds(report, &mut verdict, "the starter");
                let checks: Vec<_> = report.checks.iter().skip(2).collect();
                let failed = checks
                    .iter()
                    .filter(|c| matches!(c.outcome, Outcome::Failed(_)))
                    .count();
                verdict.starter_checks += checks.len();
                verdict.starter_checks_failed += failed;
                if failed == 0 {
                    verdict.problems.push(format!(
                        "the starter of {exercise} passes its checks without any work: the \
                         checks must fail until the exercise is solved"
                    ));
                }
            }
            Role::Solution => {
                for check in report.failed() {
                    verdict.problems.push(format!(
                        "the solution of {exercise} fails `{}`: {:?}",
                        check.name, check.outcome
                    ));
                }
                if report.passed() {
                    verdict.solution_checks_passed += report.checks.len();
                }
            }
            Role::Wrong(slug) => {
                let Some(wrong) = wrong_answers
                    .iter()
                    .find(|w| &w.slug == slug && &w.exercise == exercise)
                else {
                    continue;
                };
                let caught = matches!(
                    report.outcome_of(&wrong.caught_by),
                    Some(Outcome::Failed(_))
                );
                if !caught {
                    let how = match report.outcome_of(&wrong.caught_by) {
                        Some(Outcome::Passed) => "passed".to_string(),
                        Some(Outcome::NotRun(why)) => format!("did not run: {why}"),
                        _ => "is not a check of the exercise".to_string(),
                    };
                    verdict.problems.push(format!(
                        "{} ({}): the check `{}` should fail on it but {how}",
                        wrong.path.display(),
                        wrong.mistake,
                        wrong.caught_by
                    ));
                }
                if wrong.caught_by != grade::BUILDS
                    && let Some(Outcome::Failed(message)) = report.outcome_of(grade::BUILDS)
                {
                    verdict.problems.push(format!(
                        "{} does not compile with the checks:\n{message}",
                        wrong.path.display()
                    ));
                }
            }
            Role::Student => {}
        }
    }
    verdict
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

fn step(what: &str) {
    println!("\n== {what} ==");
}

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
