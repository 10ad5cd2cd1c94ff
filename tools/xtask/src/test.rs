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

    // Starters fail by design: they are neither built nor linted here, and the grader checks
    // them below. Solutions are built and linted, but their checks run in the grader, one
    // check per process.
    let starters: Vec<String> = exercises
        .iter()
        .flat_map(|e| ["--exclude".to_string(), e.package.clone()])
        .collect();
    step(
        "build and lint every crate but the starters (clippy's lints while compiling, warnings \
         are errors)",
    );
    let built = build_workspace(workspace, &starters, &root.join("solutions"))?;

    step("generated files: every recorded output, figure and table is current");
    let current = course::generated::check_all_with(workspace, &built.programs)?;
    summary.push((
        "generated files",
        format!("{current} files are what their command makes of their sources"),
        current,
    ));

    step(
        "tests: listings and their outputs, inline blocks, compile-fail cases, the book, the \
         tools",
    );
    // Doctests are compiled and run by rustdoc, through cargo, against the libraries just
    // built (the same lint settings, so nothing is built twice). rustdoc compiles them while
    // the test binaries run: most of those wait on timers, servers and programs.
    let mut doctests = workspace.cargo();
    doctests
        .args(["test", "--workspace", "--doc", "--no-fail-fast", "--quiet"])
        .args(&starters);
    with_clippy(&mut doctests)?;
    let (counts, doctested) = std::thread::scope(|scope| {
        let doctested = scope.spawn(move || {
            let mut lines = Vec::new();
            let status = process::stream(&mut doctests, TESTS_LIMIT, |line| {
                lines.push(line.to_string());
            });
            (status, lines)
        });
        let counts = run_test_binaries(workspace, built.tests);
        (counts, doctested.join())
    });
    let mut counts = counts?;
    let (status, lines) =
        doctested.map_err(|_| anyhow::anyhow!("the doctests' thread panicked"))?;
    println!("doctests (the pages' inline blocks, and the tools' examples):");
    for line in &lines {
        println!("{line}");
        counts.add(line);
    }
    let status = status?;
    if !status.success() || counts.failed > 0 {
        bail!(
            "the tests failed: {} passed, {} failed (the failures are above)",
            counts.passed,
            counts.failed
        );
    }
    summary.push((
        "tests",
        format!(
            "{} passed, 0 failed, {} ignored, in {} test binaries (listings against their \
             recorded output, inline blocks as doctests, compile-fail messages, book, tools)",
            counts.passed, counts.ignored, counts.binaries
        ),
        counts.passed,
    ));

    // The browser tests (the site on a phone, live reload) pass without running when there is
    // no Chromium: say so here, where it cannot be missed.
    summary.push(match course::machine::chromium() {
        Some(chromium) => (
            "browser",
            format!(
                "every page checked in {} at a phone's width, live reload seen",
                chromium.display()
            ),
            0,
        ),
        None => ("browser", course::machine::NO_CHROMIUM.to_string(), 0),
    });

    summary.push((
        "clippy",
        "no warnings in any crate but the starters (linted as they were built)".into(),
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

/// One test executable that cargo built.
struct TestBinary {
    /// `listing-01-02 test output`: package, kind of target, target.
    label: String,
    executable: std::path::PathBuf,
    /// The package's folder: cargo runs a test there, and tests read `CARGO_MANIFEST_DIR`.
    dir: std::path::PathBuf,
}

/// What the build made: the test binaries to run, and every program by package and name.
struct Built {
    tests: Vec<TestBinary>,
    programs: course::generated::Programs,
}

/// Builds every target of the workspace (but `excluded`) with clippy's lints. The test binaries
/// of the crates in the folder `not_run` are built but not run.
fn build_workspace(
    workspace: &Workspace,
    excluded: &[String],
    not_run: &std::path::Path,
) -> Result<Built> {
    let mut build = workspace.cargo();
    build
        .args([
            "test",
            "--workspace",
            "--all-targets",
            "--no-run",
            "--message-format=json-render-diagnostics",
        ])
        .args(excluded);
    with_clippy(&mut build)?;
    let built = process::run(&mut build, TESTS_LIMIT, process::Stderr::Inherit)?
        .success("cargo test --no-run (a compiler error or a clippy warning: see above)")?;
    let mut programs = course::generated::Programs::new();
    let mut binaries = Vec::new();
    for message in cargo_metadata::Message::parse_stream(built.as_bytes()).flatten() {
        let cargo_metadata::Message::CompilerArtifact(artifact) = message else {
            continue;
        };
        if !artifact.profile.test
            && artifact.target.kind.iter().any(|k| k.to_string() == "bin")
            && let Some(executable) = &artifact.executable
        {
            programs.insert(
                (
                    package_name(&artifact.package_id.repr),
                    artifact.target.name.clone(),
                ),
                (
                    executable.clone().into_std_path_buf(),
                    artifact
                        .manifest_path
                        .parent()
                        .expect("a manifest in a folder")
                        .as_std_path()
                        .to_path_buf(),
                ),
            );
        }
        if artifact.profile.test
            && let Some(executable) = artifact.executable
            // Benchmarks are built (and linted) only: `cargo xtask bench` runs them.
            && !artifact.target.kind.iter().any(|k| k.to_string() == "bench")
            && !artifact.manifest_path.starts_with(not_run)
        {
            let dir = artifact
                .manifest_path
                .parent()
                .expect("a manifest in a folder");
            let package = dir.file_name().unwrap_or_default().to_string();
            let kind = artifact.target.kind.first().map(ToString::to_string);
            binaries.push(TestBinary {
                label: format!(
                    "{package} {} {}",
                    kind.unwrap_or_default(),
                    artifact.target.name
                ),
                executable: executable.into_std_path_buf(),
                dir: dir.as_std_path().to_path_buf(),
            });
        }
    }
    Ok(Built {
        tests: binaries,
        programs,
    })
}

/// Runs the test binaries a few at a time: most of them wait (on servers, timers, a Python
/// program), so running them one after another, as `cargo test` does, leaves the cores idle.
/// Prints each binary's result, and the whole output of a failing one.
fn run_test_binaries(workspace: &Workspace, mut binaries: Vec<TestBinary>) -> Result<TestCounts> {
    // The long ones first (the tools' integration tests: trybuild compiles, Python runs, a
    // browser, servers), so that the short listings' tests fill the cores around them instead
    // of leaving one long test running alone at the end.
    binaries.sort_by_key(|binary| {
        let tools = binary.dir.starts_with(workspace.root.join("tools"))
            || binary.dir.ends_with("compile-fail");
        !(tools && binary.label.contains(" test "))
    });
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new((TestCounts::default(), Vec::new()));
    let workers = 2 * std::thread::available_parallelism().map_or(2, usize::from);
    std::thread::scope(|scope| {
        for _ in 0..workers.min(binaries.len()) {
            scope.spawn(|| {
                while let Some(binary) =
                    binaries.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    let outcome = run_test_binary(binary);
                    let mut results = results.lock().unwrap_or_else(|p| p.into_inner());
                    println!("{}", outcome.line);
                    for line in outcome.output.lines() {
                        results.0.add(line);
                    }
                    if !outcome.passed {
                        println!("{}", outcome.output);
                        results.1.push(binary.label.clone());
                    }
                }
            });
        }
    });
    let (counts, failed) = results.into_inner().unwrap_or_else(|p| p.into_inner());
    if !failed.is_empty() {
        bail!(
            "{} test binaries failed (their output is above): {}",
            failed.len(),
            failed.join(", ")
        );
    }
    Ok(counts)
}

struct BinaryOutcome {
    passed: bool,
    line: String,
    output: String,
}

fn run_test_binary(binary: &TestBinary) -> BinaryOutcome {
    let mut command = std::process::Command::new(&binary.executable);
    command
        .current_dir(&binary.dir)
        .env("CARGO_MANIFEST_DIR", &binary.dir)
        .env("RUST_BACKTRACE", "0");
    match process::run(&mut command, TESTS_LIMIT, process::Stderr::Capture) {
        Ok(finished) => {
            let mut counts = TestCounts::default();
            finished.stdout.lines().for_each(|line| counts.add(line));
            let passed = finished.status.success() && counts.failed == 0;
            BinaryOutcome {
                passed,
                line: format!(
                    "  {} {:>3} passed {:>6.1} s  {}",
                    if passed { "ok    " } else { "FAILED" },
                    counts.passed,
                    finished.elapsed.as_secs_f64(),
                    binary.label
                ),
                output: format!("{}{}", finished.stdout, finished.stderr),
            }
        }
        Err(error) => BinaryOutcome {
            passed: false,
            line: format!("  FAILED {}: {error}", binary.label),
            output: String::new(),
        },
    }
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

/// The package's name in a package id spec: `path+file:///…/bench#0.1.0` (the folder's name)
/// or `path+file:///…/parallel-score#ch01-parallel-score@0.1.0`.
fn package_name(spec: &str) -> String {
    let (url, fragment) = spec.rsplit_once('#').unwrap_or((spec, ""));
    match fragment.split_once('@') {
        Some((name, _)) => name.to_string(),
        None => url.rsplit('/').next().unwrap_or_default().to_string(),
    }
}

/// Makes `command` (a cargo build) lint the workspace's crates with clippy as it compiles them,
/// warnings being errors, as `cargo clippy -- -D warnings` does (same driver, same settings;
/// dependencies are compiled as usual). One compilation then serves the tests and the lints.
fn with_clippy(command: &mut std::process::Command) -> Result<()> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let sysroot = std::process::Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .context("cannot ask rustc for its sysroot")?;
    let sysroot = String::from_utf8_lossy(&sysroot.stdout).trim().to_string();
    let driver = std::path::Path::new(&sysroot)
        .join("bin")
        .join(format!("clippy-driver{}", std::env::consts::EXE_SUFFIX));
    if !driver.is_file() {
        bail!(
            "clippy is not installed for this toolchain: run `rustup component add clippy` \
             (rust-toolchain.toml asks for it)"
        );
    }
    command
        .env("RUSTC_WORKSPACE_WRAPPER", driver)
        // cargo-clippy's way of passing `-- -D warnings` to the driver.
        .env(
            "CLIPPY_ARGS",
            "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__",
        );
    Ok(())
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
    use super::{TestCounts, package_name};

    #[test]
    fn package_names_are_read_from_both_forms_of_id() {
        assert_eq!(
            package_name("path+file:///work/main/listings/ch08/bench#0.1.0"),
            "bench"
        );
        assert_eq!(
            package_name("path+file:///w/solutions/ch01/x#ch01-x-solution@0.1.0"),
            "ch01-x-solution"
        );
    }

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
