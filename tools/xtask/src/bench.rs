//! `cargo xtask bench`: chapter 8's benchmark. Builds the server and client in release mode,
//! runs the matrix (endpoint × worker threads × concurrent requests), writes a results file
//! stamped with the machine, and regenerates the chapter's tables and plot from it.

mod fastapi;
mod processes;
pub mod render;

use crate::cargo::{cargo, run_visible};
use processes::{Server, listen_overflows, run_client};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Instant;

const USAGE: &str = "cargo xtask bench [--quick] [--fastapi] | cargo xtask bench --render | cargo xtask bench --criterion";

/// The criterion micro-benchmarks of the `bench` crate, recorded by `--criterion`.
const CRITERION_BENCHES: [&str; 3] = ["spawn", "join", "oneshot"];

/// The committed results of the full matrix, which the chapter shows.
pub const RESULTS: &str = "listings/ch08/results/results.json";
/// Where a `--quick` run writes its results, tables and plot (not committed).
const QUICK_DIR: &str = "target/bench-quick";

/// Every endpoint waits this long, as in the article.
pub const LATENCY_MS: u64 = 100;

/// A configuration is skipped when it would need more than this to finish, by arithmetic:
/// a blocking endpoint on W workers needs at least ⌈n/W⌉ × latency.
const FULL_BUDGET_S: f64 = 30.0;
const QUICK_BUDGET_S: f64 = 10.0;

/// Each request's timeout with our client: longer than any run we do not skip.
const CLIENT_TIMEOUT_S: u64 = 60;

/// One measurement to make.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    pub server: &'static str,
    pub endpoint: &'static str,
    pub workers: usize,
    pub requests: usize,
    /// `http1`, `http2`, `http2x4` (our client) or `httpx` (the article's Python client).
    pub client: String,
}

impl Job {
    fn describe(&self) -> String {
        format!(
            "{} /test/{} W={} n={} {}",
            self.server, self.endpoint, self.workers, self.requests, self.client
        )
    }

    pub fn floor_s(&self) -> f64 {
        floor_s(self.server, self.endpoint, self.workers, self.requests)
    }
}

/// Threads in tokio's blocking pool at most (its default, which our server keeps).
const TOKIO_BLOCKING_THREADS: usize = 512;
/// Threads each FastAPI worker process runs `def` handlers on (anyio's default limit).
const FASTAPI_THREADS: usize = 40;

/// The least time a run can take, from the endpoint's semantics: one latency when every request
/// can wait at once; ⌈n/T⌉ latencies when only T requests can wait at once (T worker threads
/// for a blocking handler, T pool threads for a sync one).
pub fn floor_s(server: &str, endpoint: &str, workers: usize, requests: usize) -> f64 {
    let latency = LATENCY_MS as f64 / 1000.0;
    let at_once = match (server, endpoint) {
        (_, "blocking") => workers,
        ("fastapi", "sync") => FASTAPI_THREADS * workers,
        (_, "sync") => TOKIO_BLOCKING_THREADS,
        _ => return latency,
    };
    requests.div_ceil(at_once.max(1)) as f64 * latency
}

/// The matrix: every endpoint × worker count × request count, over one new HTTP/1.1 connection
/// per request; and the async endpoint at the largest count with the other ways to connect.
fn rust_jobs(quick: bool) -> Vec<Job> {
    let workers: &[usize] = if quick { &[1, 2] } else { &[1, 2, 4] };
    let counts: &[usize] = if quick {
        &[100, 1000]
    } else {
        &[100, 1000, 10_000]
    };
    let mut jobs = Vec::new();
    for endpoint in ["async", "blocking", "sync"] {
        for &w in workers {
            for &n in counts {
                jobs.push(rust_job(endpoint, w, n, "http1"));
            }
        }
    }
    let largest = *counts.last().unwrap();
    for &w in workers {
        for &n in counts {
            jobs.push(rust_job("async", w, n, "http2"));
        }
        for client in ["http1-paced", "http2x4"] {
            jobs.push(rust_job("async", w, largest, client));
        }
    }
    jobs
}

fn rust_job(endpoint: &'static str, workers: usize, requests: usize, client: &str) -> Job {
    Job {
        server: "axum",
        endpoint,
        workers,
        requests,
        client: client.into(),
    }
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    crate::reject_unknown(
        args,
        &["--quick", "--fastapi", "--render", "--criterion"],
        USAGE,
    )?;
    let flag = |name: &str| args.iter().any(|a| a == name);
    if flag("--criterion") {
        if args.len() > 1 {
            return Err(format!("--criterion takes no other option; usage: {USAGE}"));
        }
        return record_criterion(root);
    }
    if flag("--render") {
        if args.len() > 1 {
            return Err(format!("--render takes no other option; usage: {USAGE}"));
        }
        let results = render::read_results(&root.join(RESULTS))?;
        for written in render::write_all(&results, &render::Outputs::committed(root))? {
            println!("wrote {}", written.display());
        }
        return Ok(());
    }
    let quick = flag("--quick");
    let started = Instant::now();
    let mut jobs = rust_jobs(quick);
    let largest = jobs.iter().map(|j| j.requests).max().unwrap_or(0);
    check_port_range(largest)?;

    println!("== building the server and the client (release) ==");
    let mut build = cargo(root);
    build.args(["build", "--release", "--quiet", "-p", "bench", "--bins"]);
    run_visible(build, "cargo build --release -p bench")?;
    let bin = root.join("target/release");

    let python = if flag("--fastapi") {
        match fastapi::prepare(root) {
            Ok(python) => {
                jobs.extend(fastapi::jobs(quick));
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

    let budget = if quick { QUICK_BUDGET_S } else { FULL_BUDGET_S };
    let (mut runs, mut skipped) = (Vec::new(), Vec::new());
    println!("== {} measurements, latency {LATENCY_MS} ms ==", jobs.len());
    for (index, job) in jobs.iter().enumerate() {
        let bar = progress_bar(index, jobs.len());
        if job.floor_s() > budget {
            println!(
                "{bar} {}: skipped, needs at least {:.0} s",
                job.describe(),
                job.floor_s()
            );
            skipped.push(json!({
                "server": job.server, "endpoint": job.endpoint, "workers": job.workers,
                "requests": job.requests, "client": job.client,
                "reason": format!("needs at least ⌈n/W⌉ × {LATENCY_MS} ms = {:.0} s (budget {budget:.0} s)", job.floor_s()),
            }));
            continue;
        }
        print!("{bar} {} … ", job.describe());
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let run = measure(root, &bin, python.as_ref(), job)?;
        println!(
            "{:.3} s, {} ok of {}",
            run["elapsed_s"].as_f64().unwrap_or(f64::NAN),
            run["successes"],
            job.requests
        );
        runs.push(run);
    }

    let results = json!({
        "machine": machine(root, python.as_ref()),
        "command": if quick { "cargo xtask bench --quick" } else { "cargo xtask bench" },
        "fastapi": python.is_some(),
        "latency_ms": LATENCY_MS,
        "budget_s": budget,
        "runs": runs,
        "skipped": skipped,
    });
    let outputs = if quick {
        render::Outputs::under(&root.join(QUICK_DIR))
    } else {
        render::Outputs::committed(root)
    };
    let text = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())? + "\n";
    write(&outputs.results, &text)?;
    println!("wrote {}", outputs.results.display());
    for written in render::write_all(&results, &outputs)? {
        println!("wrote {}", written.display());
    }
    println!("done in {:.0?}", started.elapsed());
    Ok(())
}

fn measure(root: &Path, bin: &Path, python: Option<&PathBuf>, job: &Job) -> Result<Value, String> {
    let server = match job.server {
        "axum" => {
            let flavor = if job.workers == 1 {
                "current-thread"
            } else {
                "multi-thread"
            };
            let workers = job.workers.to_string();
            let max_connections = job.requests.to_string();
            let latency = LATENCY_MS.to_string();
            Server::start(
                bin.join("server"),
                &[
                    "--flavor",
                    flavor,
                    "--workers",
                    &workers,
                    "--latency-ms",
                    &latency,
                    "--max-connections",
                    &max_connections,
                ],
            )?
        }
        _ => {
            let python = python.ok_or("FastAPI jobs need the virtual environment")?;
            let app = root.join(fastapi::APP);
            let workers = job.workers.to_string();
            Server::start(
                python.clone(),
                &[app.to_string_lossy().as_ref(), "--workers", &workers],
            )?
        }
    };
    let url = format!("{}/test/{}", server.url, job.endpoint);
    // One request first, answered before we measure: the server has finished starting (Uvicorn
    // accepts only once its startup is done), and the idle figures below are really idle.
    let warm_up = Job {
        requests: 1,
        client: "http1".into(),
        ..job.clone()
    };
    run_client(&bin.join("client"), &url, &warm_up, CLIENT_TIMEOUT_S)
        .map_err(|e| format!("the warm-up request to {url} failed: {e}"))?;
    let idle = server.memory();
    let cpu_before = server.cpu_seconds();
    let overflows_before = listen_overflows();
    let mut run = if job.client == "httpx" {
        let python = python.ok_or("the httpx client needs the virtual environment")?;
        fastapi::run_article_client(root, python, &url, job.requests)?
    } else {
        run_client(&bin.join("client"), &url, job, CLIENT_TIMEOUT_S)?
    };
    let overflows = listen_overflows()
        .zip(overflows_before)
        .map(|(after, before)| after.saturating_sub(before));
    let peak = server.memory();
    let server_cpu_s = server
        .cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    server.stop()?;
    let record = run
        .as_object_mut()
        .ok_or("the client's report is not an object")?;
    for (key, value) in [
        ("server", json!(job.server)),
        ("endpoint", json!(job.endpoint)),
        ("workers", json!(job.workers)),
        ("client", json!(job.client)),
        ("server_cpu_s", json!(server_cpu_s)),
        ("listen_overflows", json!(overflows)),
        ("server_rss_idle_kib", json!(idle.map(|m| m.rss_kib))),
        ("server_rss_peak_kib", json!(peak.map(|m| m.peak_kib))),
    ] {
        record.insert(key.into(), value);
    }
    Ok(run)
}

fn machine(root: &Path, python: Option<&PathBuf>) -> Value {
    let mut crates = serde_json::Map::new();
    for name in ["tokio", "axum", "hyper", "h2"] {
        if let Some(version) = course::machine::locked_version(root, name) {
            crates.insert(name.into(), json!(version));
        }
    }
    json!({
        "stamp": course::machine::stamp(),
        "cpus": std::thread::available_parallelism().map_or(1, usize::from),
        "cpu_model": course::machine::cpu_model(),
        "os": format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        "rustc": course::machine::rustc_version(),
        "date": course::machine::today(),
        "crates": crates,
        "python": python.map(|p| fastapi::versions(p)),
    })
}

/// Runs each criterion benchmark in its quick mode and records its report beside the results,
/// stamped with the machine, as `listings/ch08/results/criterion-<name>.txt`.
fn record_criterion(root: &Path) -> Result<(), String> {
    for name in CRITERION_BENCHES {
        let line = format!("cargo bench -p bench --bench {name} -- --quick");
        println!("== {line} ==");
        let mut command = cargo(root);
        command.args([
            "bench", "--quiet", "-p", "bench", "--bench", name, "--", "--quick",
        ]);
        let stdout = processes::run_bounded(command, std::time::Duration::from_secs(600))?;
        print!("{stdout}");
        let recorded = course::output::Recorded {
            command: line,
            machine: Some(course::machine::stamp()),
            body: stdout,
        };
        let path = root.join(format!("listings/ch08/results/criterion-{name}.txt"));
        write(&path, &course::output::render_recorded(&recorded))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// 10,000 connections from one client to one server address need 10,000 local ports.
fn check_port_range(connections: usize) -> Result<(), String> {
    let Ok(text) = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range") else {
        return Ok(()); // not Linux: the OS will say so if it runs out
    };
    let bounds: Vec<usize> = text
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    if let [low, high] = bounds[..] {
        let ports = high.saturating_sub(low) + 1;
        if ports < connections {
            return Err(format!(
                "the OS lends only {ports} local ports ({low}–{high}), and the benchmark opens \
                 {connections} connections at once; widen the range with \
                 `sudo sysctl -w net.ipv4.ip_local_port_range=\"1024 65000\"`, or use --quick"
            ));
        }
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

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_follows_the_endpoint() {
        let blocking = rust_job("blocking", 4, 1000, "http1");
        assert_eq!(blocking.floor_s(), 25.0);
        assert_eq!(rust_job("blocking", 1, 100, "http1").floor_s(), 10.0);
        assert_eq!(rust_job("async", 1, 10_000, "http1").floor_s(), 0.1);
        assert_eq!(rust_job("sync", 1, 10_000, "http1").floor_s(), 2.0);
        assert_eq!(floor_s("fastapi", "sync", 1, 100), 0.30000000000000004);
    }

    #[test]
    fn the_full_matrix_covers_every_cell() {
        let jobs = rust_jobs(false);
        // 3 endpoints × 3 worker counts × 3 request counts; HTTP/2 at every count and two
        // more clients at the largest, for each worker count.
        assert_eq!(jobs.len(), 27 + 3 * (3 + 2));
        assert!(rust_jobs(true).len() < jobs.len());
    }

    #[test]
    fn the_progress_bar_fills_up() {
        assert_eq!(progress_bar(0, 4), "[....................]  1/4");
        assert_eq!(progress_bar(2, 4), "[##########..........]  3/4");
    }
}
