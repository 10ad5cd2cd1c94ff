//! Building the grading workspace and running its checks.

use super::{CheckReport, Outcome};
use anyhow::{Result, bail};
use cargo_metadata::Message;
use course::Workspace;
use course::process::{self, Stderr};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long a build of the grading workspace may take (the first one compiles dependencies).
const BUILD_LIMIT: Duration = Duration::from_secs(30 * 60);
/// How long one check may run. Each async check has its own, shorter, limit (10 s): this one
/// only stops a check that escaped it.
const CHECK_LIMIT: Duration = Duration::from_secs(120);

/// What building the test crates gave.
pub struct Built {
    /// The test executable of each test crate, by its manifest.
    pub executables: BTreeMap<String, PathBuf>,
    /// The compiler's errors, by the manifest of the crate they are in.
    pub errors: BTreeMap<PathBuf, String>,
}

/// Builds the test crates `packages` (and the graded crates they depend on), going on past
/// errors so that one broken exercise does not stop the others.
pub fn build_tests(workspace: &Workspace, dir: &Path, packages: &[&str]) -> Result<Built> {
    let mut command = cargo_in(workspace, dir);
    command.args(["build", "--tests", "--keep-going"]);
    for package in packages {
        command.args(["--package", package]);
    }
    let messages = run_cargo(command)?;
    let mut built = Built {
        executables: BTreeMap::new(),
        errors: errors_by_manifest(&messages),
    };
    for message in &messages {
        if let Message::CompilerArtifact(artifact) = message
            && artifact.profile.test
            && let Some(executable) = &artifact.executable
        {
            let package = package_name(artifact.manifest_path.as_std_path());
            built
                .executables
                .insert(package, executable.clone().into_std_path_buf());
        }
    }
    Ok(built)
}

/// What checking the graded crates alone (without the checks' dev-dependencies, so without
/// tokio's `test-util`) gave.
pub struct Checked {
    pub checked: BTreeSet<String>,
    pub errors: BTreeMap<PathBuf, String>,
}

pub fn check_libs(workspace: &Workspace, dir: &Path, packages: &[&str]) -> Result<Checked> {
    let mut command = cargo_in(workspace, dir);
    command.args(["check", "--lib", "--keep-going"]);
    for package in packages {
        command.args(["--package", package]);
    }
    let messages = run_cargo(command)?;
    Ok(Checked {
        checked: packages.iter().map(|p| p.to_string()).collect(),
        errors: errors_by_manifest(&messages),
    })
}

fn cargo_in(workspace: &Workspace, dir: &Path) -> Command {
    let mut command = Command::new(course::workspace::cargo_program());
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &workspace.target_dir)
        .args(["--quiet"]);
    command
}

/// Runs a cargo build command with JSON messages; its progress goes to our standard error.
fn run_cargo(mut command: Command) -> Result<Vec<Message>> {
    command.arg("--message-format=json");
    // Cargo's own lines ("could not compile" for a crate that is meant to fail) would only
    // confuse: the compiler's messages come back in the JSON, and the rest is shown on failure.
    let finished = process::run(&mut command, BUILD_LIMIT, Stderr::Capture)?;
    let messages: Vec<Message> = Message::parse_stream(finished.stdout.as_bytes())
        .filter_map(Result::ok)
        .collect();
    let finished_building = messages
        .iter()
        .any(|m| matches!(m, Message::BuildFinished(_)));
    if !finished_building {
        bail!(
            "cargo could not build the grading workspace ({}):\n{}",
            finished.status,
            finished.stderr.trim()
        );
    }
    Ok(messages)
}

fn errors_by_manifest(messages: &[Message]) -> BTreeMap<PathBuf, String> {
    let mut errors: BTreeMap<PathBuf, String> = BTreeMap::new();
    for message in messages {
        if let Message::CompilerMessage(compiler) = message
            && compiler.message.level == cargo_metadata::diagnostic::DiagnosticLevel::Error
        {
            let text = compiler
                .message
                .rendered
                .clone()
                .unwrap_or_else(|| compiler.message.message.clone());
            let entry = errors.entry(manifest_of(&compiler.package_id)).or_default();
            entry.push_str(&text);
        }
    }
    errors
}

/// The manifest of a path package, from its id (`path+file:///dir#name@version`).
fn manifest_of(id: &cargo_metadata::PackageId) -> PathBuf {
    let dir = id
        .repr
        .strip_prefix("path+file://")
        .unwrap_or(&id.repr)
        .split('#')
        .next()
        .unwrap_or_default();
    Path::new(dir).join("Cargo.toml")
}

/// The package name a manifest of the grading workspace declares (its folder's name).
fn package_name(manifest: &Path) -> String {
    manifest
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The tests a libtest executable holds.
pub fn list_tests(executable: &Path) -> Vec<String> {
    let mut command = Command::new(executable);
    command.args(["--list", "--format", "terse"]);
    process::run(&mut command, CHECK_LIMIT, Stderr::Capture)
        .map(|finished| {
            finished
                .stdout
                .lines()
                .filter_map(|line| line.strip_suffix(": test"))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// One check to run: `test` (its full name in the executable) of the variant `key`.
pub struct Job {
    pub key: (usize, usize),
    pub executable: PathBuf,
    pub test: String,
    pub check: String,
}

/// Runs every job, a few at a time, each in its own process (checks that measure the process,
/// its threads or its CPU time must not see another check's work).
pub fn run_jobs(
    jobs: &[Job],
    listed: &BTreeMap<PathBuf, Vec<String>>,
) -> BTreeMap<((usize, usize), String), CheckReport> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(BTreeMap::new());
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let workers = (2 * cores).clamp(2, 8).min(jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(index) else { break };
                    let exists = listed
                        .get(&job.executable)
                        .is_some_and(|tests| tests.contains(&job.test));
                    let report = if exists {
                        run_one(job)
                    } else {
                        CheckReport {
                            name: job.check.clone(),
                            outcome: Outcome::NotRun(format!(
                                "the checks have no `{}`: it did not run",
                                job.check
                            )),
                            seconds: 0.0,
                        }
                    };
                    results
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner())
                        .insert((job.key, job.check.clone()), report);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn run_one(job: &Job) -> CheckReport {
    let mut command = Command::new(&job.executable);
    command
        .args([
            "--exact",
            &job.test,
            "--test-threads",
            "1",
            "--color",
            "never",
        ])
        .env("RUST_BACKTRACE", "0");
    let (outcome, seconds) = match process::run(&mut command, CHECK_LIMIT, Stderr::Capture) {
        Ok(finished) => {
            let seconds = finished.elapsed.as_secs_f64();
            let report = parse_libtest(&finished.stdout);
            let outcome = if report.passed.contains(&job.test) && finished.status.success() {
                Outcome::Passed
            } else if let Some((_, message)) = report.failed.iter().find(|(n, _)| n == &job.test) {
                Outcome::Failed(message.clone())
            } else {
                // No verdict: the process ended inside the check (`process::exit`, an abort, a
                // stack overflow). That is not a pass.
                Outcome::Failed(format!(
                    "the check ended without a verdict ({}): something in the code under test \
                     ended the process{}",
                    finished.status,
                    last_lines(&finished.stderr)
                ))
            };
            (outcome, seconds)
        }
        Err(process::RunError::TimedOut { limit, .. }) => (
            Outcome::Failed(format!(
                "the check ran for more than {limit:?} of real time and was stopped: something \
                 is stuck (a deadlock, or a wait for something that never happens)"
            )),
            CHECK_LIMIT.as_secs_f64(),
        ),
        Err(error) => (Outcome::NotRun(error.to_string()), 0.0),
    };
    CheckReport {
        name: job.check.clone(),
        outcome,
        seconds,
    }
}

fn last_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().rev().take(5).collect();
    if lines.is_empty() {
        return String::new();
    }
    let lines: Vec<&str> = lines.into_iter().rev().collect();
    format!("; it printed:\n{}", lines.join("\n"))
}

/// What a libtest run reported.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LibtestReport {
    pub passed: Vec<String>,
    /// Failed tests and what they printed (their panic messages).
    pub failed: Vec<(String, String)>,
}

/// Reads libtest's plain report: `test name ... ok|FAILED` lines and `---- name stdout ----`
/// sections.
pub fn parse_libtest(report: &str) -> LibtestReport {
    let mut parsed = LibtestReport::default();
    let mut failed_names = Vec::new();
    for line in report.lines() {
        if let Some(rest) = line.strip_prefix("test ") {
            if let Some(name) = rest.strip_suffix(" ... ok") {
                parsed.passed.push(name.to_string());
            } else if let Some(name) = rest.strip_suffix(" ... FAILED") {
                failed_names.push(name.to_string());
            }
        }
    }
    for name in failed_names {
        let header = format!("---- {name} stdout ----");
        let message = report
            .split_once(&header)
            .map(|(_, after)| {
                after
                    .lines()
                    .take_while(|l| !l.starts_with("---- ") && *l != "failures:")
                    .filter(|l| !l.starts_with("note: run with `RUST_BACKTRACE"))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .trim()
                    .to_string()
            })
            .unwrap_or_default();
        parsed.failed.push((name, message));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::parse_libtest;

    #[test]
    fn reads_a_libtest_report() {
        let report = "\nrunning 2 tests\ntest fast ... ok\ntest slow ... FAILED\n\nfailures:\n\n---- slow stdout ----\n\nthread 'slow' panicked at tests/checks.rs:9:5:\nsequential: took 3s\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\nfailures:\n    slow\n\ntest result: FAILED. 1 passed; 1 failed\n";
        let run = parse_libtest(report);
        assert_eq!(run.passed, ["fast"]);
        assert_eq!(run.failed.len(), 1);
        assert_eq!(run.failed[0].0, "slow");
        assert_eq!(
            run.failed[0].1,
            "thread 'slow' panicked at tests/checks.rs:9:5:\nsequential: took 3s"
        );
    }
}
