//! The benchmark harness: builds the server and the client in release mode, runs the
//! matrix (server × endpoint × worker threads × concurrent requests × client),
//! writes a results file stamped with the machine, and renders the chapter's tables
//! and plot from it. `src/bin/matrix.rs` is its command line; `cargo xtask bench`
//! runs that.

use crate::client::{Protocol, Report};
use crate::endpoints::Endpoint;
use crate::fastapi;
use crate::processes::{Binaries, Server, Stderr, run_bounded};
use crate::procfs;
use crate::render::{self, Outputs};
use crate::results::{Cell, ClientKind, Machine, Results, Run, ServerKind, Skipped};
use crate::workspace;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Every endpoint waits this long, as in the article.
pub const LATENCY_MS: u64 = 100;

/// A cell is skipped when it would need more than this to finish, by arithmetic: a
/// blocking endpoint on W workers needs at least ⌈n/W⌉ × latency.
const FULL_BUDGET_S: f64 = 30.0;
const QUICK_BUDGET_S: f64 = 10.0;

/// Each request's timeout with our client: longer than any run we do not skip.
const CLIENT_TIMEOUT_S: u64 = 60;

/// The criterion micro-benchmarks of this crate, recorded by `--criterion`.
pub const CRITERION_BENCHES: [&str; 3] = ["spawn", "join", "oneshot"];

/// The crates whose locked versions the results name.
const STAMPED_CRATES: [&str; 4] = ["tokio", "axum", "hyper", "h2"];

/// What to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// A smaller matrix, written under the target folder instead of over the
    /// committed results.
    pub quick: bool,
    /// Add the FastAPI rows (needs python3 and PyPI, or an existing environment).
    pub fastapi: bool,
}

impl Options {
    /// The command as the reader types it, recorded in the results.
    fn command(self) -> String {
        let mut command = String::from("cargo xtask bench");
        if self.quick {
            command.push_str(" --quick");
        }
        if self.fastapi {
            command.push_str(" --fastapi");
        }
        command
    }

    fn budget_s(self) -> f64 {
        if self.quick {
            QUICK_BUDGET_S
        } else {
            FULL_BUDGET_S
        }
    }
}

/// Our server: every endpoint × worker count × request count, over one new HTTP/1.1
/// connection per request; then the async endpoint with the other ways to connect
/// (HTTP/2 at every count, the paced and four-connection clients at the largest).
pub fn axum_cells(quick: bool) -> Vec<Cell> {
    let workers: &[usize] = if quick { &[1, 2] } else { &[1, 2, 4] };
    let counts: &[usize] = if quick {
        &[100, 1000]
    } else {
        &[100, 1000, 10_000]
    };
    let cell = |endpoint, workers, requests, protocol| Cell {
        server: ServerKind::Axum,
        endpoint,
        workers,
        requests,
        client: ClientKind::Ours(protocol),
    };
    let mut cells = Vec::new();
    for endpoint in [Endpoint::Async, Endpoint::Blocking, Endpoint::Sync] {
        for &w in workers {
            for &n in counts {
                cells.push(cell(endpoint, w, n, Protocol::Http1));
            }
        }
    }
    let largest = *counts.last().expect("at least one request count");
    for &w in workers {
        for &n in counts {
            cells.push(cell(
                Endpoint::Async,
                w,
                n,
                Protocol::Http2 { connections: 1 },
            ));
        }
        for protocol in [Protocol::Http1Paced, Protocol::Http2 { connections: 4 }] {
            cells.push(cell(Endpoint::Async, w, largest, protocol));
        }
    }
    cells
}

/// Runs the matrix, writes the results and renders the tables and the plot: over the
/// committed files, or with `quick` into `bench-quick/` in the target folder.
pub fn run(root: &Path, options: Options) -> Result<(), String> {
    let started = Instant::now();
    let mut cells = axum_cells(options.quick);
    let largest = cells.iter().map(|c| c.requests).max().unwrap_or(0);
    check_port_range(largest)?;
    let target = workspace::target_directory(root)?;

    println!("== building the server and the client (release) ==");
    let binaries = workspace::build_release_binaries(root)?;

    let python = if options.fastapi {
        match fastapi::prepare(&target.join("fastapi-venv")) {
            Ok(python) => {
                cells.extend(fastapi::cells(options.quick));
                Some(python)
            }
            Err(reason) => {
                println!("FastAPI side skipped: {reason}");
                None
            }
        }
    } else {
        None
    };

    let budget_s = options.budget_s();
    let (mut runs, mut skipped) = (Vec::new(), Vec::new());
    println!(
        "== {} measurements, latency {LATENCY_MS} ms ==",
        cells.len()
    );
    for (index, cell) in cells.iter().enumerate() {
        let bar = progress_bar(index, cells.len());
        let floor_s = cell.floor_s(LATENCY_MS);
        if floor_s > budget_s {
            println!("{bar} {cell}: skipped, needs at least {floor_s:.0} s");
            skipped.push(Skipped {
                cell: *cell,
                reason: format!(
                    "needs at least ⌈n/W⌉ × {LATENCY_MS} ms = {floor_s:.0} s \
                     (budget {budget_s:.0} s)"
                ),
            });
            continue;
        }
        print!("{bar} {cell} … ");
        let _ = std::io::stdout().flush();
        let run = measure(root, &binaries, python.as_deref(), cell)?;
        println!(
            "{:.3} s, {} ok of {}",
            run.report.elapsed_s, run.report.successes, cell.requests
        );
        runs.push(run);
    }

    let results = Results {
        command: options.command(),
        machine: machine(root, python.as_deref()),
        fastapi: python.is_some(),
        latency_ms: LATENCY_MS,
        budget_s,
        runs,
        skipped,
    };
    let outputs = if options.quick {
        Outputs::under(&target.join("bench-quick"))
    } else {
        Outputs::committed(root)
    };
    render::write(&outputs.results, &results.to_json())?;
    println!("wrote {}", outputs.results.display());
    for written in render::write_all(&results, &outputs)? {
        println!("wrote {}", written.display());
    }
    println!("done in {:.0?}", started.elapsed());
    Ok(())
}

/// Measures one cell on a fresh server: a warm-up request first, then the load,
/// with the server's CPU time, its memory and the machine's accept-queue drops
/// read around it.
fn measure(
    root: &Path,
    binaries: &Binaries,
    python: Option<&Path>,
    cell: &Cell,
) -> Result<Run, String> {
    let server = match cell.server {
        ServerKind::Axum => {
            let flavor = if cell.workers == 1 {
                "current-thread"
            } else {
                "multi-thread"
            };
            let args = [
                "--flavor",
                flavor,
                "--workers",
                &cell.workers.to_string(),
                "--latency-ms",
                &LATENCY_MS.to_string(),
                "--max-connections",
                &cell.requests.to_string(),
            ]
            .map(String::from);
            Server::start(&binaries.server, &args)?
        }
        ServerKind::Fastapi => {
            let python =
                python.ok_or("the FastAPI rows need the virtual environment")?;
            let app = root.join(fastapi::APP).to_string_lossy().into_owned();
            Server::start(
                python,
                &[app, "--workers".into(), cell.workers.to_string()],
            )?
        }
    };
    let url = format!("{}{}", server.url, cell.endpoint.path());
    // One request first, answered before we measure: the server has finished
    // starting (Uvicorn accepts only once its startup is done), and the idle figures
    // below are really idle.
    let warm_up = Cell {
        requests: 1,
        client: ClientKind::Ours(Protocol::Http1),
        ..*cell
    };
    run_client(&binaries.client, &url, &warm_up)
        .map_err(|e| format!("the warm-up request to {url} failed: {e}"))?;
    let idle = server.memory();
    let cpu_before = server.cpu_seconds();
    let overflows_before = procfs::listen_overflows();
    let report = match cell.client {
        ClientKind::Httpx => {
            let python =
                python.ok_or("the httpx client needs the virtual environment")?;
            fastapi::run_article_client(root, python, &url, cell.requests)?
        }
        ClientKind::Ours(_) => run_client(&binaries.client, &url, cell)?,
    };
    let listen_overflows = procfs::listen_overflows()
        .zip(overflows_before)
        .map(|(after, before)| after.saturating_sub(before));
    let peak = server.memory();
    let server_cpu_s = server
        .cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    server.stop()?;
    Ok(Run {
        server: cell.server,
        endpoint: cell.endpoint,
        workers: cell.workers,
        client: cell.client,
        report,
        server_cpu_s,
        listen_overflows,
        server_rss_idle_kib: idle.map(|m| m.rss_kib),
        server_rss_peak_kib: peak.map(|m| m.peak_kib),
    })
}

/// Runs our client against `url` with the cell's load and returns its report.
fn run_client(client: &Path, url: &str, cell: &Cell) -> Result<Report, String> {
    let mut command = Command::new(client);
    command.args([
        url,
        "--requests",
        &cell.requests.to_string(),
        "--timeout-s",
        &CLIENT_TIMEOUT_S.to_string(),
        "--protocol",
        &cell.client.to_string(),
    ]);
    // Every request has its own timeout; this limit only catches a client that hangs
    // despite them.
    let limit = Duration::from_secs(CLIENT_TIMEOUT_S + 60);
    let stdout = run_bounded(command, limit, Stderr::Capture)?;
    serde_json::from_str(stdout.trim())
        .map_err(|e| format!("the client's report is not what we expect: {e}"))
}

/// The machine, the compiler and the crates that measured.
fn machine(root: &Path, python: Option<&Path>) -> Machine {
    let crates: BTreeMap<String, String> =
        course::machine::locked_versions(root, &STAMPED_CRATES);
    Machine {
        stamp: course::machine::stamp(),
        cpus: std::thread::available_parallelism().map_or(1, usize::from),
        cpu_model: course::machine::cpu_model(),
        os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        rustc: course::machine::rustc_version(),
        date: course::machine::today(),
        crates,
        python: python.and_then(fastapi::versions),
    }
}

/// Runs each criterion benchmark in its quick mode and records its report beside the
/// results, stamped with the machine, as `listings/ch08/results/criterion-NAME.txt`.
pub fn record_criterion(root: &Path) -> Result<(), String> {
    for name in CRITERION_BENCHES {
        let line = criterion_command(name);
        println!("== {line} ==");
        let mut command = workspace::cargo(root);
        command.args([
            "bench", "--quiet", "-p", "bench", "--bench", name, "--", "--quick",
        ]);
        let stdout =
            run_bounded(command, Duration::from_secs(600), Stderr::Inherit)?;
        print!("{stdout}");
        let recorded = course::output::Recorded {
            command: line,
            machine: Some(course::machine::stamp()),
            body: stdout,
        };
        let path = criterion_file(root, name);
        render::write(&path, &course::output::render_recorded(&recorded))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// The command a criterion recording starts with.
pub fn criterion_command(name: &str) -> String {
    format!("cargo bench -p bench --bench {name} -- --quick")
}

/// Where the recording of criterion benchmark `name` goes.
pub fn criterion_file(root: &Path, name: &str) -> PathBuf {
    root.join(format!("listings/ch08/results/criterion-{name}.txt"))
}

/// 10,000 connections from one client to one server address need 10,000 local
/// ports.
fn check_port_range(connections: usize) -> Result<(), String> {
    let Some((low, high)) = procfs::local_port_range() else {
        return Ok(()); // not Linux: the OS will say so if it runs out
    };
    let ports = (high.saturating_sub(low) + 1) as usize;
    if ports < connections {
        return Err(format!(
            "the OS lends only {ports} local ports ({low}–{high}), and the \
             benchmark opens {connections} connections at once; widen the range \
             with `sudo sysctl -w net.ipv4.ip_local_port_range=\"1024 65000\"`, \
             or use --quick"
        ));
    }
    Ok(())
}

fn progress_bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 20;
    let filled = done * WIDTH / total.max(1);
    format!(
        "[{}{}] {:>2}/{total}",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        done + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_matrix_covers_every_cell() {
        let cells = axum_cells(false);
        // 3 endpoints × 3 worker counts × 3 request counts; HTTP/2 at every count
        // and two more clients at the largest, for each worker count.
        assert_eq!(cells.len(), 27 + 3 * (3 + 2));
        assert!(axum_cells(true).len() < cells.len());
    }

    #[test]
    fn the_recorded_command_is_the_one_typed() {
        assert_eq!(Options::default().command(), "cargo xtask bench");
        let both = Options {
            quick: true,
            fastapi: true,
        };
        assert_eq!(both.command(), "cargo xtask bench --quick --fastapi");
    }

    #[test]
    fn the_progress_bar_fills_up() {
        assert_eq!(progress_bar(0, 4), "[....................]  1/4");
        assert_eq!(progress_bar(2, 4), "[##########..........]  3/4");
    }
}
