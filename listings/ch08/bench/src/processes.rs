//! The processes of a benchmark run (the server, the client, cargo, Python), each
//! bounded in time by the course's process helpers ([`course::process`]).

use crate::procfs::{self, Memory, Process};
use course::process::RunError;
pub use course::process::Stderr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a server may take to print its address, and to stop once asked.
const SERVER_PATIENCE: Duration = Duration::from_secs(20);

/// Runs `command` to the end within `limit` (with the course's one helper for
/// that, [`course::process::run`]) and returns its standard output. An error is one
/// line: the program and how it failed, with what it printed on standard error
/// when that was captured.
pub fn run_bounded(
    mut command: Command,
    limit: Duration,
    stderr: Stderr,
) -> Result<String, String> {
    let program = Path::new(command.get_program())
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    let finished =
        course::process::run(&mut command, limit, stderr).map_err(|error| {
            match error {
                RunError::Start { error, .. } => {
                    format!("cannot start {program}: {error}")
                }
                RunError::TimedOut { limit, .. } => {
                    format!("{program} ran longer than {limit:?} and was stopped")
                }
            }
        })?;
    if finished.status.success() {
        return Ok(finished.stdout);
    }
    let said = finished.stderr.trim().replace('\n', "; ");
    Err(if said.is_empty() {
        format!("{program} failed ({})", finished.status)
    } else {
        format!("{program} failed ({}): {said}", finished.status)
    })
}

/// A running server: a child process that printed `listening on http://…`. It is
/// stopped when dropped, so that an early return cannot leave it running.
pub struct Server {
    child: Child,
    pub url: String,
}

impl Server {
    /// Starts `program` and waits (at most [`SERVER_PATIENCE`]) for its address.
    pub fn start(program: &Path, args: &[String]) -> Result<Self, String> {
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        // Read the first line on another thread, so that a server that never prints
        // it cannot hang the benchmark.
        let (line_tx, line_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let _ = line_tx.send(line);
            // Keep draining, so the server never blocks on a full pipe.
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let line = line_rx.recv_timeout(SERVER_PATIENCE).unwrap_or_default();
        match line.trim().strip_prefix("listening on ") {
            Some(url) => Ok(Server {
                url: url.to_string(),
                child,
            }),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                Err(format!(
                    "{} did not print its address within {SERVER_PATIENCE:?} (its \
                     messages are above)",
                    program.display()
                ))
            }
        }
    }

    pub fn memory(&self) -> Option<Memory> {
        procfs::memory(Process::Id(self.child.id()))
    }

    pub fn cpu_seconds(&self) -> Option<f64> {
        procfs::cpu_seconds(Process::Id(self.child.id()))
    }

    /// Asks the server to stop (ours stops when its input closes, Uvicorn on
    /// SIGTERM), and kills it if it has not stopped in time.
    pub fn stop(mut self) -> Result<(), String> {
        drop(self.child.stdin.take());
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + SERVER_PATIENCE;
        match course::process::wait_until(&mut self.child, deadline) {
            Some(_) => Ok(()),
            None => Err(format!(
                "the server did not stop within {SERVER_PATIENCE:?}; it was killed"
            )),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The benchmark's own programs, where cargo built them.
#[derive(Debug, Clone)]
pub struct Binaries {
    pub server: PathBuf,
    pub client: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_returned_and_failures_say_what_was_printed() {
        let mut echo = Command::new("sh");
        echo.args(["-c", "echo report; echo progress >&2"]);
        let limit = Duration::from_secs(10);
        assert_eq!(
            run_bounded(echo, limit, Stderr::Capture).unwrap(),
            "report\n"
        );
        let mut failing = Command::new("sh");
        failing.args(["-c", "echo 'no such URL' >&2; exit 3"]);
        let error = run_bounded(failing, limit, Stderr::Capture).unwrap_err();
        assert!(error.starts_with("sh failed ("), "{error}");
        assert!(error.ends_with(": no such URL"), "{error}");
    }

    #[test]
    fn a_child_past_its_deadline_is_stopped() {
        let mut sleeper = Command::new("sleep");
        sleeper.arg("30");
        let error =
            run_bounded(sleeper, Duration::from_millis(100), Stderr::Capture)
                .unwrap_err();
        assert_eq!(error, "sleep ran longer than 100ms and was stopped");
        let mut failing = Command::new("sh");
        failing.args(["-c", "echo one >&2; echo two >&2; exit 1"]);
        let error = run_bounded(failing, Duration::from_secs(10), Stderr::Capture);
        assert!(error.unwrap_err().ends_with(": one; two"), "one line");
    }

    #[test]
    fn a_missing_program_is_named() {
        let command = Command::new("no-such-program-in-the-course");
        let error = run_bounded(command, Duration::from_secs(1), Stderr::Capture)
            .unwrap_err();
        assert!(
            error.starts_with("cannot start no-such-program-in-the-course: "),
            "{error}"
        );
    }
}
