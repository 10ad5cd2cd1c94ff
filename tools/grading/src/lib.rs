//! Grading: builds exercises' crates in a grading workspace of the grader's own (see
//! [`harness`]) and runs the course's checks against them, one check per process, each bounded
//! in time.
//!
//! Used by `cargo xtask check` (a student's code) and `cargo xtask test` (the starters must
//! fail, the solutions pass, every wrong answer fail the check it names).

pub mod authors;
pub mod harness;
pub mod patch;
mod run;
pub mod schema;
pub mod selftest;
pub mod student;

use anyhow::{Context, Result};
use course::Workspace;
use course::exercises::{BUILDS_WITHOUT_TEST_UTIL, Exercise};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;
use toml::Table;

pub use run::parse_libtest;

/// The pseudo-check that fails when a crate does not compile with the checks.
pub const BUILDS: &str = "builds";

/// What an exercise is graded against: the course's own checks and dependencies.
#[derive(Debug, Clone)]
pub struct Canonical {
    /// The text of `tests/checks.rs`.
    pub checks: String,
    /// The starter's `[dependencies]`.
    pub dependencies: Table,
    /// The starter's `[dev-dependencies]`.
    pub dev_dependencies: Table,
}

impl Canonical {
    /// Reads the checks and dependencies from an exercise's starter crate in `root`, or from
    /// the given texts.
    pub fn from_texts(checks: String, manifest: &str) -> Result<Self> {
        let manifest: Table = toml::from_str(manifest).context("the manifest is not valid")?;
        let table = |name: &str| {
            manifest
                .get(name)
                .and_then(|v| v.as_table())
                .cloned()
                .unwrap_or_default()
        };
        Ok(Self {
            checks,
            dependencies: table("dependencies"),
            dev_dependencies: table("dev-dependencies"),
        })
    }

    /// The exercise's checks and dependencies as the working tree has them.
    pub fn from_working_tree(exercise: &Exercise) -> Result<Self> {
        Self::from_texts(
            course::read(&exercise.checks_file())?,
            &course::read(&exercise.starter_dir.join("Cargo.toml"))?,
        )
    }

    /// The names of the checks, as the checks file defines them.
    pub fn check_names(&self) -> Vec<String> {
        course::exercises::check_names(&self.checks)
    }
}

/// The dependencies a student added to the starter's `[dependencies]` (the course's own
/// entries keep the course's features: nobody turns tokio's `test-util` on), and a note that
/// says which they are.
pub fn added_dependencies(
    canonical: &Canonical,
    student_manifest: &str,
) -> (Table, Option<String>) {
    let Ok(manifest) = toml::from_str::<Table>(student_manifest) else {
        return (
            Table::new(),
            Some("Cargo.toml is not valid TOML: graded with the course's dependencies".into()),
        );
    };
    let mut added = Table::new();
    for (name, entry) in manifest
        .get("dependencies")
        .and_then(|d| d.as_table())
        .into_iter()
        .flatten()
    {
        if canonical.dependencies.contains_key(name) {
            continue;
        }
        let mut entry = entry.clone();
        if let Some(features) = entry
            .as_table_mut()
            .and_then(|t| t.get_mut("features"))
            .and_then(|f| f.as_array_mut())
        {
            features.retain(|f| f.as_str() != Some("test-util"));
        }
        added.insert(name.clone(), entry);
    }
    let note = (!added.is_empty()).then(|| {
        format!(
            "graded with the dependencies you added: {}",
            added.keys().cloned().collect::<Vec<_>>().join(", ")
        )
    });
    (added, note)
}

/// Whose code a graded crate holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Student,
    Starter,
    Solution,
    /// A kept wrong answer (its file name).
    Wrong(String),
}

impl Role {
    /// A name for the crate and the module (`wrong-sequential`).
    pub fn slug(&self) -> String {
        match self {
            Role::Student => "student".into(),
            Role::Starter => "starter".into(),
            Role::Solution => "solution".into(),
            Role::Wrong(slug) => format!("wrong-{slug}"),
        }
    }

    fn module(&self) -> String {
        self.slug().replace('-', "_")
    }
}

/// Where a graded crate's `lib.rs` comes from.
#[derive(Debug, Clone)]
pub enum LibSource {
    /// A file on disk (the student's `src/lib.rs`; a solution's), built where it is.
    File(PathBuf),
    /// A source written by the grader (a wrong answer applied to the solution).
    Text(String),
}

/// One crate to grade.
#[derive(Debug, Clone)]
pub struct Variant {
    pub role: Role,
    pub lib: LibSource,
    /// The checks to run; all of them when `None`.
    pub only: Option<Vec<String>>,
    /// Dependencies beyond the course's manifest (ones a student added), by name.
    pub dependencies: Table,
}

impl Variant {
    /// A library written by the grader that needs no build of its own (it is not checked
    /// without tokio's test-only features): it is compiled as a module of the test crate.
    pub fn is_inline(&self) -> bool {
        matches!(self.lib, LibSource::Text(_)) && !self.wants(BUILDS_WITHOUT_TEST_UTIL)
    }

    /// Whether `check` (a test of the checks, or a grader's check) is to be run.
    pub fn wants(&self, check: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|c| c == check))
    }
}

/// One exercise and the crates to grade against its checks.
#[derive(Debug, Clone)]
pub struct Plan {
    pub exercise: Exercise,
    pub canonical: Canonical,
    pub variants: Vec<Variant>,
}

/// How one check went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "message", rename_all = "kebab-case")]
pub enum Outcome {
    Passed,
    /// The check failed; what it printed (its panic message).
    Failed(String),
    /// The check could not run: the crate did not build, or the check was not found.
    NotRun(String),
}

/// One check of one graded crate.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub name: String,
    #[serde(flatten)]
    pub outcome: Outcome,
    pub seconds: f64,
}

/// Everything the grader learned about one graded crate.
#[derive(Debug, Clone)]
pub struct VariantReport {
    pub exercise: Exercise,
    pub role: Role,
    /// Every expected check, the two build checks first.
    pub checks: Vec<CheckReport>,
    pub seconds: f64,
}

impl VariantReport {
    /// Every expected check ran and passed.
    pub fn passed(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| c.outcome == Outcome::Passed)
    }

    pub fn failed(&self) -> impl Iterator<Item = &CheckReport> {
        self.checks.iter().filter(|c| c.outcome != Outcome::Passed)
    }

    pub fn outcome_of(&self, check: &str) -> Option<&Outcome> {
        self.checks
            .iter()
            .find(|c| c.name == check)
            .map(|c| &c.outcome)
    }
}

/// Builds every variant of every plan, then runs its checks. `slot` names the grading
/// workspace (runs in the same slot wait for each other; different slots run side by side).
pub fn grade(
    workspace: &crate::Workspace,
    slot: &str,
    plans: &[Plan],
) -> Result<Vec<VariantReport>> {
    let started = Instant::now();
    let harness = harness::Harness::open(workspace, slot)?;
    let written = harness.write(workspace, plans)?;

    let checks_packages: Vec<&str> = written.iter().map(|w| w.checks_package.as_str()).collect();
    // Only the crates that must be proven to build without tokio's `test-util`: students',
    // starters, solutions, and the wrong answers caught that way.
    let lib_packages: Vec<&str> = plans
        .iter()
        .zip(&written)
        .flat_map(|(plan, written)| {
            plan.variants
                .iter()
                .zip(&written.libs)
                .filter(|(variant, _)| variant.wants(BUILDS_WITHOUT_TEST_UTIL))
                .map(|(_, (package, _))| package.as_str())
        })
        .collect();
    let build = run::build_tests(workspace, &harness.dir, &checks_packages)?;
    let without_test_util = run::check_libs(workspace, &harness.dir, &lib_packages)?;

    // Every check of every variant that built, as one job each.
    let mut jobs = Vec::new();
    for (plan_index, (plan, written)) in plans.iter().zip(&written).enumerate() {
        let executable = build.executables.get(&written.checks_package);
        for (variant_index, variant) in plan.variants.iter().enumerate() {
            let Some(executable) = executable else {
                continue;
            };
            for check in selected_checks(plan, variant) {
                jobs.push(run::Job {
                    key: (plan_index, variant_index),
                    executable: executable.clone(),
                    test: format!("{}::{check}", variant.role.module()),
                    check,
                });
            }
        }
    }
    let listed: BTreeMap<PathBuf, Vec<String>> = jobs
        .iter()
        .map(|job| job.executable.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|exe| {
            let tests = run::list_tests(&exe);
            (exe, tests)
        })
        .collect();
    let outcomes = run::run_jobs(&jobs, &listed);

    let mut reports = Vec::new();
    for (plan_index, (plan, written)) in plans.iter().zip(&written).enumerate() {
        for (variant_index, variant) in plan.variants.iter().enumerate() {
            let (lib_package, lib_manifest) = &written.libs[variant_index];
            let mut checks = Vec::new();
            let build_error = build
                .errors
                .get(lib_manifest)
                .or_else(|| build.errors.get(&written.checks_manifest))
                .cloned()
                .or_else(|| {
                    (!build.executables.contains_key(&written.checks_package))
                        .then(|| "the checks did not build (cargo's messages are above)".into())
                });
            checks.push(CheckReport {
                name: BUILDS.into(),
                outcome: match &build_error {
                    None => Outcome::Passed,
                    Some(error) => Outcome::Failed(error.clone()),
                },
                seconds: 0.0,
            });
            if variant.wants(BUILDS_WITHOUT_TEST_UTIL) {
                checks.push(CheckReport {
                    name: BUILDS_WITHOUT_TEST_UTIL.into(),
                    outcome: match without_test_util.errors.get(lib_manifest) {
                        None if without_test_util.checked.contains(lib_package) => Outcome::Passed,
                        None => Outcome::NotRun("the crate was not checked".into()),
                        Some(error) => Outcome::Failed(format!(
                            "the crate does not build without tokio's test-only features \
                         (`tokio::time::advance` and `pause` are for tests: wait with \
                         `tokio::time::sleep` instead):\n{error}"
                        )),
                    },
                    seconds: 0.0,
                });
            }
            for check in selected_checks(plan, variant) {
                let outcome = outcomes
                    .get(&((plan_index, variant_index), check.clone()))
                    .cloned()
                    .unwrap_or_else(|| CheckReport {
                        name: check.clone(),
                        outcome: Outcome::NotRun(if build_error.is_some() {
                            "the crate does not build".into()
                        } else {
                            "the check did not run".into()
                        }),
                        seconds: 0.0,
                    });
                checks.push(outcome);
            }
            reports.push(VariantReport {
                exercise: plan.exercise.clone(),
                role: variant.role.clone(),
                checks,
                seconds: started.elapsed().as_secs_f64(),
            });
        }
    }
    Ok(reports)
}

/// The checks to run for a variant: the ones it asks for, else every check the file defines.
fn selected_checks(plan: &Plan, variant: &Variant) -> Vec<String> {
    let all = plan.canonical.check_names();
    match &variant.only {
        Some(only) => only
            .iter()
            .filter(|c| c.as_str() != BUILDS && c.as_str() != BUILDS_WITHOUT_TEST_UTIL)
            .cloned()
            .collect(),
        None => all,
    }
}
