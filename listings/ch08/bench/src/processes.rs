//! The processes of a benchmark run (the server, the client, cargo, Python), each
//! bounded in time: [`wait_for_exit`] is the one place that waits for a child.

use crate::procfs::{self, Memory, Process};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a server may take to print its address, and to stop once asked.
const SERVER_PATIENCE: Duration = Duration::from_secs(20);

/// How often a wait looks at the child again.
const POLL_INTERVAL: Duration = Duration::from_millis(20);

/// Waits for `child` to exit, for at most `limit`; after that, kills it and returns
/// `None`.
pub fn wait_for_exit(
    child: &mut Child,
    limit: Duration,
) -> Result<Option<ExitStatus>, String> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| format!("cannot wait for process {}: {e}", child.id()))?
        {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(POLL_INTERVAL);
    }
}

/// Where a child's standard error goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stderr {
    /// Kept, and shown only if the child fails.
    Capture,
    /// Passed through to ours as it comes (compiler progress and messages).
    Inherit,
}

/// Runs `command` to the end within `limit` and returns its standard output. An
/// error names the program and says how it failed, with what it printed on standard
/// error when that was captured.
pub fn run_bounded(
    mut command: Command,
    limit: Duration,
    stderr: Stderr,
) -> Result<String, String> {
    let program = Path::new(command.get_program())
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    command.stdin(Stdio::null()).stdout(Stdio::piped());
    command.stderr(match stderr {
        Stderr::Capture => Stdio::piped(),
        Stderr::Inherit => Stdio::inherit(),
    });
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    // Both pipes are drained on threads of their own, so that a child that fills
    // one of them never blocks.
    let stdout = read_to_end(child.stdout.take());
    let stderr = read_to_end(child.stderr.take());
    let status = wait_for_exit(&mut child, limit)?;
    let (stdout, stderr) = (
        stdout.join().unwrap_or_default(),
        stderr.join().unwrap_or_default(),
    );
    match status {
        None => Err(format!(
            "{program} ran longer than {limit:?} and was stopped"
        )),
        Some(status) if status.success() => Ok(stdout),
        Some(status) => {
            let said = stderr.trim();
            Err(if said.is_empty() {
                format!("{program} failed ({status})")
            } else {
                format!("{program} failed ({status}): {said}")
            })
        }
    }
}

fn read_to_end(
    pipe: Option<impl Read + Send + 'static>,
) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_string(&mut text);
        }
        text
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
        match wait_for_exit(&mut self.child, SERVER_PATIENCE)? {
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
