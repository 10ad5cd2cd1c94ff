//! The server and client processes of a benchmark run, each bounded in time.

use super::Job;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a server may take to print its address, and to stop once asked.
const SERVER_PATIENCE: Duration = Duration::from_secs(20);

/// A running server: a child process that printed `listening on http://…`.
pub(crate) struct Server {
    child: Child,
    pub url: String,
}

/// Resident memory of a process, from `/proc/PID/status` (Linux).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Memory {
    pub rss_kib: u64,
    /// The most resident memory the process ever had (VmHWM).
    pub peak_kib: u64,
}

impl Server {
    pub fn start(program: PathBuf, args: &[&str]) -> Result<Self, String> {
        let mut child = Command::new(&program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
        let stdout = child.stdout.take().unwrap();
        // Read the first line on another thread, so that a server that never prints it cannot
        // hang the benchmark.
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
                    "{} did not print its address (its messages are above)",
                    program.display()
                ))
            }
        }
    }

    pub fn memory(&self) -> Option<Memory> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|kib| kib.parse().ok())
        };
        Some(Memory {
            rss_kib: field("VmRSS:")?,
            peak_kib: field("VmHWM:")?,
        })
    }

    /// User + system CPU time the server has used so far (Linux; ticks of 1/100 s).
    pub fn cpu_seconds(&self) -> Option<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        Some(ticks as f64 / 100.0)
    }

    /// Asks the server to stop (our server stops when its input closes; uvicorn on SIGTERM),
    /// and kills it if it has not stopped in time.
    pub fn stop(mut self) -> Result<(), String> {
        drop(self.child.stdin.take());
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + SERVER_PATIENCE;
        while Instant::now() < deadline {
            if self.child.try_wait().map_err(|e| e.to_string())?.is_some() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        Err(format!(
            "the server did not stop within {SERVER_PATIENCE:?}; it was killed"
        ))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // An early return (an error) must not leave a server running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// How many times, since boot, a listening socket's accept queue was full and the kernel dropped
/// a handshake (`TcpExt: ListenOverflows` in `/proc/net/netstat`; Linux only, whole machine).
pub(crate) fn listen_overflows() -> Option<u64> {
    let netstat = std::fs::read_to_string("/proc/net/netstat").ok()?;
    let mut tcp_ext = netstat.lines().filter(|l| l.starts_with("TcpExt:"));
    let (names, values) = (tcp_ext.next()?, tcp_ext.next()?);
    let column = names
        .split_whitespace()
        .position(|name| name == "ListenOverflows")?;
    values.split_whitespace().nth(column)?.parse().ok()
}

/// Runs our client against `url` and returns its JSON report.
pub(crate) fn run_client(
    client: &Path,
    url: &str,
    job: &Job,
    timeout_s: u64,
) -> Result<Value, String> {
    let mut command = Command::new(client);
    command.args([
        url,
        "--requests",
        &job.requests.to_string(),
        "--timeout-s",
        &timeout_s.to_string(),
        "--protocol",
        &job.client,
    ]);
    let stdout = run_bounded(command, Duration::from_secs(timeout_s + 60))?;
    serde_json::from_str(stdout.trim()).map_err(|e| format!("the client's report is not JSON: {e}"))
}

/// Runs a command to completion within `limit`; its standard error is passed through.
pub(crate) fn run_bounded(mut command: Command, limit: Duration) -> Result<String, String> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {command:?}: {e}"))?;
    let (mut stdout, mut stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "{command:?} ran longer than {limit:?} and was stopped"
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (stdout, stderr) = (
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
    );
    if status.success() {
        Ok(stdout)
    } else {
        Err(stderr.trim().to_string())
    }
}
