//! Running a program with a deadline: the one place where the course's tools start processes
//! and wait for them, so that every wait is bounded and every failure says what happened.

use anyhow::{Result, anyhow};
use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// What a finished program printed, and how it ended.
#[derive(Debug, Clone)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    /// Empty when standard error was passed through to ours.
    pub stderr: String,
    pub elapsed: Duration,
}

impl Finished {
    /// Standard output if the program succeeded, else an error with what it printed.
    pub fn success(self, what: &str) -> Result<String> {
        if self.status.success() {
            return Ok(self.stdout);
        }
        let printed = [self.stderr.trim(), self.stdout.trim()]
            .into_iter()
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        Err(if printed.is_empty() {
            anyhow!("{what} failed ({})", self.status)
        } else {
            anyhow!("{what} failed ({}); it printed:\n{printed}", self.status)
        })
    }
}

/// Where a program's standard error goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stderr {
    /// Captured into [`Finished::stderr`].
    Capture,
    /// Passed through to ours (compiler messages, progress).
    Inherit,
}

/// Why a program did not finish.
#[derive(Debug)]
pub enum RunError {
    /// It could not be started (not installed, not executable).
    Start {
        program: String,
        error: std::io::Error,
    },
    /// It ran past its deadline and was killed; what it printed until then.
    TimedOut {
        program: String,
        limit: Duration,
        stdout: String,
        stderr: String,
    },
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Start { program, error } => write!(f, "cannot start {program}: {error}"),
            RunError::TimedOut { program, limit, .. } => {
                write!(f, "{program} ran for more than {limit:?} and was stopped")
            }
        }
    }
}

impl std::error::Error for RunError {}

/// Runs `command` to the end, or kills it after `limit`. Standard input is closed.
pub fn run(command: &mut Command, limit: Duration, stderr: Stderr) -> Result<Finished, RunError> {
    let program = command.get_program().to_string_lossy().into_owned();
    command.stdin(Stdio::null()).stdout(Stdio::piped());
    command.stderr(match stderr {
        Stderr::Capture => Stdio::piped(),
        Stderr::Inherit => Stdio::inherit(),
    });
    let started = Instant::now();
    let mut child = command.spawn().map_err(|error| RunError::Start {
        program: program.clone(),
        error,
    })?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait_until(&mut child, started + limit);
    // A program that was killed may have left children holding its pipes open: wait for
    // the rest of its output only briefly then.
    let patience = if status.is_some() {
        Duration::from_secs(10)
    } else {
        Duration::from_secs(1)
    };
    let (stdout, stderr) = (collect(stdout, patience), collect(stderr, patience));
    match status {
        Some(status) => Ok(Finished {
            status,
            stdout,
            stderr,
            elapsed: started.elapsed(),
        }),
        None => Err(RunError::TimedOut {
            program,
            limit,
            stdout,
            stderr,
        }),
    }
}

/// Runs `command` with its standard output handed to `on_line` line by line as it comes (to
/// show it and read it at once); standard error passes through. Kills it after `limit`.
pub fn stream(
    command: &mut Command,
    limit: Duration,
    mut on_line: impl FnMut(&str),
) -> Result<ExitStatus, RunError> {
    use std::io::BufRead;
    let program = command.get_program().to_string_lossy().into_owned();
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let deadline = Instant::now() + limit;
    let mut child = command.spawn().map_err(|error| RunError::Start {
        program: program.clone(),
        error,
    })?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let (line_sender, lines) = channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if line_sender.send(line).is_err() {
                break;
            }
        }
    });
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left.min(Duration::from_millis(200))) {
            Ok(line) => on_line(&line),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if left.is_zero() => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(RunError::TimedOut {
                    program,
                    limit,
                    stdout: String::new(),
                    stderr: String::new(),
                });
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
    }
    wait_until(&mut child, deadline).ok_or(RunError::TimedOut {
        program,
        limit,
        stdout: String::new(),
        stderr: String::new(),
    })
}

/// Waits for `child` until `deadline`; kills it then. `None` when it had to be killed.
pub fn wait_until(child: &mut Child, deadline: Instant) -> Option<ExitStatus> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            // Past the deadline, or the OS cannot tell: stop it.
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Reads a pipe to its end on another thread, so that a full pipe never blocks the program.
fn drain(pipe: Option<impl Read + Send + 'static>) -> Option<Receiver<String>> {
    pipe.map(|mut pipe| {
        let (text, received) = channel();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            let _ = text.send(String::from_utf8_lossy(&bytes).into_owned());
        });
        received
    })
}

fn collect(reader: Option<Receiver<String>>, patience: Duration) -> String {
    reader
        .and_then(|text| text.recv_timeout(patience).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_and_status_come_back() {
        let finished = run(
            Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]),
            Duration::from_secs(20),
            Stderr::Capture,
        )
        .unwrap();
        assert_eq!(finished.stdout, "out\n");
        assert_eq!(finished.stderr, "err\n");
        assert_eq!(finished.status.code(), Some(3));
        let error = finished.success("the script").unwrap_err().to_string();
        assert!(error.contains("err\nout"), "{error}");
    }

    #[test]
    fn a_program_past_its_deadline_is_stopped() {
        let error = run(
            Command::new("sh").args(["-c", "echo started; exec sleep 30"]),
            Duration::from_millis(300),
            Stderr::Capture,
        )
        .unwrap_err();
        match error {
            RunError::TimedOut { stdout, .. } => assert_eq!(stdout, "started\n"),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn lines_are_handed_over_as_they_come() {
        let mut seen = Vec::new();
        let status = stream(
            Command::new("sh").args(["-c", "echo one; echo two"]),
            Duration::from_secs(20),
            |line| seen.push(line.to_string()),
        )
        .unwrap();
        assert!(status.success());
        assert_eq!(seen, ["one", "two"]);
    }

    #[test]
    fn a_missing_program_says_so() {
        let error = run(
            &mut Command::new("no-such-program-here"),
            Duration::from_secs(1),
            Stderr::Capture,
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("cannot start no-such-program-here")
        );
    }
}
