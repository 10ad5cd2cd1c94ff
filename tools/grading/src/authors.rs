//! Grading the course itself: every starter must fail its checks, every solution pass them,
//! and every kept wrong answer fail the very check it names.

use crate::{Canonical, LibSource, Outcome, Plan, Role, Variant, VariantReport};
use anyhow::{Context, Result, bail};
use course::Workspace;
use course::exercises::{Exercise, WrongAnswer};

/// Grades the starters, solutions and kept wrong answers of `exercises`; fails with every
/// problem found, else returns the summary's lines.
pub fn grade_exercises(
    workspace: &Workspace,
    exercises: &[Exercise],
    verbose: bool,
) -> Result<Vec<(&'static str, String, usize)>> {
    let wrong_answers: Vec<WrongAnswer> = course::exercises::wrong_answers(&workspace.root)?
        .into_iter()
        .filter(|w| exercises.iter().any(|e| e.package == w.exercise))
        .collect();
    let plans = plans(exercises, &wrong_answers)?;
    let graded = crate::grade(workspace, "test", &plans)?;
    let verdict = judge(&graded, &wrong_answers);
    if verbose {
        print_catches(&graded, &wrong_answers);
        print_slowest(&graded);
    }
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
            let patched = crate::patch::apply(&solution, &wrong.source)
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
            for pseudo in [crate::BUILDS, course::exercises::BUILDS_WITHOUT_TEST_UTIL] {
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
                if wrong.caught_by != crate::BUILDS
                    && let Some(Outcome::Failed(message)) = report.outcome_of(crate::BUILDS)
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

/// What each wrong answer's check said when it failed: the message a student who makes that
/// mistake reads.
fn print_catches(graded: &[VariantReport], wrong_answers: &[WrongAnswer]) {
    for report in graded {
        let Role::Wrong(slug) = &report.role else {
            continue;
        };
        let Some(wrong) = wrong_answers
            .iter()
            .find(|w| &w.slug == slug && w.exercise == report.exercise.package)
        else {
            continue;
        };
        println!(
            "\n{} / {slug} ({}): `{}`",
            report.exercise.package,
            wrong.kind.name(),
            wrong.caught_by
        );
        let message = match report.outcome_of(&wrong.caught_by) {
            Some(Outcome::Failed(message)) => format!("failed:\n{message}"),
            Some(Outcome::NotRun(why)) => format!("did not run: {why}"),
            Some(Outcome::Passed) => "PASSED: the mistake is not caught".into(),
            None => "is not a check of the exercise".into(),
        };
        for line in message.lines() {
            println!("    {line}");
        }
    }
}

/// The checks that took longest: what to shorten when the test command gets slow.
fn print_slowest(graded: &[VariantReport]) {
    let mut checks: Vec<(f64, String)> = graded
        .iter()
        .flat_map(|report| {
            report.checks.iter().map(move |check| {
                let role = report.role.slug();
                (
                    check.seconds,
                    format!("{} {role}: {}", report.exercise.package, check.name),
                )
            })
        })
        .collect();
    checks.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = checks.iter().map(|(seconds, _)| seconds).sum();
    println!("\nThe checks ran for {total:.1} s in all; the slowest:");
    for (seconds, check) in checks.iter().take(12) {
        println!("  {seconds:6.2} s  {check}");
    }
}
