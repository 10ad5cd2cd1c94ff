//! Running cargo and the test binaries it builds.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `cargo`, the same one that runs `cargo xtask`, started in the workspace root.
pub fn cargo(root: &Path) -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(program);
    command.current_dir(root);
    command
}

/// Runs a command with inherited output and turns a failure into a one-line error.
pub fn run_visible(mut command: Command, what: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot start {what}: {e} (is cargo on PATH?)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// Builds the tests of `packages` without running them and returns each package's test
/// executables, keyed by the folder of the package. Compiler errors are shown as cargo shows them.
pub fn build_tests(
    root: &Path,
    packages: &[&str],
) -> Result<BTreeMap<PathBuf, Vec<PathBuf>>, String> {
    let mut command = cargo(root);
    command.args([
        "test",
        "--no-run",
        "--message-format=json-render-diagnostics",
    ]);
    for package in packages {
        command.args(["--package", package]);
    }
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    let mut executables: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        // Each compiled message is one of cargo's JSON records; only test binaries matter here.
        let is_test =
            message["reason"] == "compiler-artifact" && message["profile"]["test"] == true;
        let (Some(manifest), Some(executable)) = (
            message["manifest_path"].as_str(),
            message["executable"].as_str(),
        ) else {
            continue;
        };
        if is_test {
            let dir = Path::new(manifest).parent().unwrap().to_path_buf();
            executables.entry(dir).or_default().push(executable.into());
        }
    }
    if !output.status.success() {
        return Err("the exercises do not compile (cargo's messages are above)".into());
    }
    Ok(executables)
}

/// What one run of a test binary reported.
#[derive(Debug, Default)]
pub struct TestRun {
    pub passed: usize,
    /// The names and printed output (panic messages) of the failed tests.
    pub failures: Vec<(String, String)>,
    /// The binary did not finish in time, or could not start; the text says which.
    pub broken: Option<String>,
}

impl TestRun {
    pub fn succeeded(&self) -> bool {
        self.failures.is_empty() && self.broken.is_none() && self.passed > 0
    }
}

/// How long one test binary may run. Each async check has its own, shorter, limit (10 s): this
/// one only catches a check that escaped it.
const TEST_BINARY_LIMIT: Duration = Duration::from_secs(90);

/// Runs a libtest binary (tests only, no benchmarks) with a time limit and reads its report.
pub fn run_test_binary(executable: &Path) -> TestRun {
    let child = Command::new(executable)
        .args(["--color", "never"])
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            return TestRun {
                broken: Some(format!("cannot start {}: {e}", executable.display())),
                ..TestRun::default()
            };
        }
    };
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > TEST_BINARY_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return TestRun {
                    broken: Some(format!(
                        "the checks ran for more than {TEST_BINARY_LIMIT:?} and were stopped"
                    )),
                    ..TestRun::default()
                };
            }
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    parse_libtest(&reader.join().unwrap_or_default())
}

/// Reads libtest's plain report: `test name ... ok|FAILED` lines and `---- name stdout ----`
/// sections.
pub fn parse_libtest(report: &str) -> TestRun {
    let mut run = TestRun::default();
    let mut failed_names = Vec::new();
    for line in report.lines() {
        if let Some(rest) = line.strip_prefix("test ") {
            if let Some(name) = rest.strip_suffix(" ... ok") {
                let _ = name;
                run.passed += 1;
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
        run.failures.push((name, message));
    }
    run
}

#[cfg(test)]
mod tests {
    use super::parse_libtest;

    #[test]
    fn reads_a_libtest_report() {
        let report = "\nrunning 2 tests\ntest fast ... ok\ntest slow ... FAILED\n\nfailures:\n\n---- slow stdout ----\n\nthread 'slow' panicked at tests/checks.rs:9:5:\nsequential: took 3s\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\nfailures:\n    slow\n\ntest result: FAILED. 1 passed; 1 failed\n";
        let run = parse_libtest(report);
        assert_eq!(run.passed, 1);
        assert_eq!(run.failures.len(), 1);
        assert_eq!(run.failures[0].0, "slow");
        assert_eq!(
            run.failures[0].1,
            "thread 'slow' panicked at tests/checks.rs:9:5:\nsequential: took 3s"
        );
        assert!(!run.succeeded());
    }
}
