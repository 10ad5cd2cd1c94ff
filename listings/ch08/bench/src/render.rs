//! Chapter 8's tables and plot, rendered from the results file only, so that a check
//! can render them again from the committed results and compare.

use crate::client::Protocol;
use crate::endpoints::Endpoint;
use crate::results::{COMMITTED, ClientKind, Results, Run, ServerKind};
use course_svg::{Anchor, Colour, Document, Stroke};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// What to run when the committed tables or plot are stale.
pub const RENDER_COMMAND: &str = "cargo xtask regen bench-tables";

/// Where the results file and what is rendered from it go.
#[derive(Debug, Clone)]
pub struct Outputs {
    pub results: PathBuf,
    /// The folder of the Markdown tables, which the chapter includes.
    pub tables: PathBuf,
    pub plot: PathBuf,
}

impl Outputs {
    /// The committed files the chapter shows.
    pub fn committed(root: &Path) -> Self {
        Outputs {
            results: root.join(COMMITTED),
            tables: root.join("listings/ch08/results"),
            plot: root.join("src/img/ch08-elapsed.svg"),
        }
    }

    /// Everything in one folder (a `--quick` run).
    pub fn under(dir: &Path) -> Self {
        Outputs {
            results: dir.join("results.json"),
            tables: dir.to_path_buf(),
            plot: dir.join("ch08-elapsed.svg"),
        }
    }
}

/// Every rendered file: its path and its text.
pub fn render_all(results: &Results, outputs: &Outputs) -> Vec<(PathBuf, String)> {
    vec![
        (
            outputs.tables.join("endpoints.md"),
            endpoints_table(results),
        ),
        (outputs.tables.join("async.md"), async_table(results)),
        (outputs.tables.join("fastapi.md"), fastapi_table(results)),
        (outputs.plot.clone(), plot(results)),
    ]
}

/// Writes every rendered file and returns their paths.
pub fn write_all(
    results: &Results,
    outputs: &Outputs,
) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for (path, text) in render_all(results, outputs) {
        write(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// The rendered files whose text on disk differs from a new rendering (or that are
/// missing).
pub fn stale(results: &Results, outputs: &Outputs) -> Vec<PathBuf> {
    render_all(results, outputs)
        .into_iter()
        .filter(|(path, expected)| {
            std::fs::read_to_string(path).ok().as_ref() != Some(expected)
        })
        .map(|(path, _)| path)
        .collect()
}

/// Writes `text` to `path`, creating its folder.
pub fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn is_ours(run: &Run, protocol: Protocol) -> bool {
    run.server == ServerKind::Axum && run.client == ClientKind::Ours(protocol)
}

fn stamp(results: &Results) -> String {
    let crates: Vec<String> = results
        .machine
        .crates
        .iter()
        .map(|(name, version)| format!("{name} {version}"))
        .collect();
    format!(
        "<p class=\"machine\">Measured by <code>{}</code> on {}; {}; every endpoint waits {} ms.</p>\n\n",
        course_svg::escape(&results.command),
        course_svg::escape(&results.machine.stamp),
        course_svg::escape(&crates.join(", ")),
        results.latency_ms
    )
}

fn number(value: Option<f64>, decimals: usize) -> String {
    value.map_or("–".into(), |n| format!("{n:.decimals$}"))
}

/// Elapsed time over the least possible time.
fn ratio(results: &Results, run: &Run) -> String {
    let floor = run.cell().floor_s(results.latency_ms);
    if floor > 0.0 {
        format!("{:.2}×", run.report.elapsed_s / floor)
    } else {
        "–".into()
    }
}

fn failures(run: &Run) -> String {
    match run.report.timeouts + run.report.errors {
        0 => "0".into(),
        failed => format!(
            "{failed} ({})",
            // A `|` would end the table's cell.
            run.report
                .first_error
                .as_deref()
                .unwrap_or("")
                .replace('|', "/")
        ),
    }
}

/// The order in which the chapter discusses the endpoints.
fn endpoint_order(endpoint: Endpoint) -> usize {
    match endpoint {
        Endpoint::Async => 0,
        Endpoint::Sync => 1,
        Endpoint::Blocking => 2,
    }
}

/// Our server and client over HTTP/1.1: every endpoint, worker count and request
/// count, with the cells that were not run.
fn endpoints_table(results: &Results) -> String {
    let mut out = stamp(results);
    out.push_str("| Endpoint | Worker threads | Requests | Elapsed (s) | Requests/s | Least possible (s) | Elapsed / least | Failed |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---|\n");
    let measured = results
        .runs
        .iter()
        .filter(|r| is_ours(r, Protocol::Http1))
        .map(|r| (r.cell(), Some(r), None));
    let skipped = results
        .skipped
        .iter()
        .filter(|s| s.cell.server == ServerKind::Axum)
        .map(|s| (s.cell, None, Some(&s.reason)));
    let mut rows: Vec<_> = measured.chain(skipped).collect();
    rows.sort_by_key(|(cell, _, _)| {
        (endpoint_order(cell.endpoint), cell.workers, cell.requests)
    });
    for (cell, run, reason) in rows {
        let key = format!(
            "| `{}` | {} | {} ",
            cell.endpoint.path(),
            cell.workers,
            cell.requests
        );
        match (run, reason) {
            (Some(run), _) => {
                let _ = writeln!(
                    out,
                    "{key}| {} | {} | {} | {} | {} |",
                    number(Some(run.report.elapsed_s), 3),
                    number(Some(run.report.requests_per_s), 1),
                    number(Some(cell.floor_s(results.latency_ms)), 1),
                    ratio(results, run),
                    failures(run)
                );
            }
            (None, reason) => {
                let _ = writeln!(
                    out,
                    "{key}| not run | | | | {} |",
                    reason.map_or("", |r| r)
                );
            }
        }
    }
    out
}

/// The async endpoint against its floor, with where the time and memory go.
fn async_table(results: &Results) -> String {
    let mut out = stamp(results);
    out.push_str("| Worker threads | Requests | Client | Elapsed (s) | Elapsed / 100 ms | p50 (ms) | p99 (ms) | Connect p50 / max (ms) | Client CPU (s) | Server CPU (s) | Cores busy | Accept-queue drops | Server peak RSS (MiB) | Server KiB per request | Failed |\n");
    out.push_str("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    let mut rows: Vec<&Run> = results
        .runs
        .iter()
        .filter(|r| r.server == ServerKind::Axum && r.endpoint == Endpoint::Async)
        .collect();
    rows.sort_by_key(|r| (r.workers, r.report.requests, r.client.to_string()));
    let cores = results.machine.cpus.max(1) as f64;
    for run in rows {
        let report = &run.report;
        let per_request = match (run.server_rss_peak_kib, run.server_rss_idle_kib) {
            (Some(peak), Some(idle)) => {
                format!(
                    "{:.1}",
                    (peak as f64 - idle as f64) / report.requests as f64
                )
            }
            _ => "–".into(),
        };
        // The share of the machine's cores that the client and the server kept busy
        // together.
        let busy = match (report.client_cpu_s, run.server_cpu_s) {
            (Some(client), Some(server)) if report.elapsed_s > 0.0 => format!(
                "{:.0} %",
                100.0 * (client + server) / (report.elapsed_s * cores)
            ),
            _ => "–".into(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} / {} | {} | {} | {busy} | {} | {} | {per_request} | {} |",
            run.workers,
            report.requests,
            run.client,
            number(Some(report.elapsed_s), 3),
            ratio(results, run),
            number(report.p50_ms, 0),
            number(report.p99_ms, 0),
            number(report.connect_p50_ms, 1),
            number(report.connect_max_ms, 0),
            number(report.client_cpu_s, 2),
            number(run.server_cpu_s, 2),
            run.listen_overflows.map_or("–".into(), |n| n.to_string()),
            number(run.server_rss_peak_kib.map(|kib| kib as f64 / 1024.0), 1),
            failures(run)
        );
    }
    out
}

/// FastAPI (one Uvicorn worker, and four) beside our server on one runtime thread,
/// same client; and the article's httpx client against FastAPI.
fn fastapi_table(results: &Results) -> String {
    let mut out = stamp(results);
    if !results.fastapi {
        out.push_str(
            "*These results were measured without `--fastapi`: no FastAPI rows.*\n",
        );
        return out;
    }
    if let Some(versions) = &results.machine.python {
        let listed: Vec<String> = versions
            .iter()
            .map(|(name, version)| format!("{name} {version}"))
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"machine\">Python side: {}.</p>\n",
            course_svg::escape(&listed.join(", "))
        );
    }
    out.push_str("| Server | Endpoint | Requests | Client | Elapsed (s) | Requests/s | Elapsed / least | Failed |\n");
    out.push_str("|---|---|---:|---|---:|---:|---:|---|\n");
    let fastapi_counts: Vec<usize> = results
        .runs
        .iter()
        .filter(|r| r.server == ServerKind::Fastapi)
        .map(|r| r.report.requests)
        .collect();
    let mut rows: Vec<&Run> = results
        .runs
        .iter()
        .filter(|r| {
            r.server == ServerKind::Fastapi
                || (is_ours(r, Protocol::Http1)
                    && r.workers == 1
                    && fastapi_counts.contains(&r.report.requests))
        })
        .collect();
    rows.sort_by_key(|r| {
        (
            endpoint_order(r.endpoint),
            r.report.requests,
            r.workers,
            r.client.to_string(),
            r.server,
        )
    });
    for run in rows {
        let server = match (run.server, run.workers) {
            (ServerKind::Axum, _) => "axum, 1 thread".to_string(),
            (ServerKind::Fastapi, 1) => "FastAPI, 1 worker".to_string(),
            (ServerKind::Fastapi, workers) => format!("FastAPI, {workers} workers"),
        };
        let client = match run.client {
            ClientKind::Httpx => "httpx (the article's)",
            ClientKind::Ours(_) => "ours, HTTP/1.1",
        };
        let _ = writeln!(
            out,
            "| {server} | `{}` | {} | {client} | {} | {} | {} | {} |",
            run.endpoint.path(),
            run.report.requests,
            number(Some(run.report.elapsed_s), 3),
            number(Some(run.report.requests_per_s), 1),
            ratio(results, run),
            failures(run)
        );
    }
    let async_at_1000 = |server: ServerKind| {
        results
            .runs
            .iter()
            .find(|r| {
                r.server == server
                    && r.endpoint == Endpoint::Async
                    && r.workers == 1
                    && r.report.requests == 1000
                    && r.client == ClientKind::Ours(Protocol::Http1)
            })
            .map(|r| r.report.elapsed_s)
    };
    if let (Some(axum), Some(fastapi)) = (
        async_at_1000(ServerKind::Axum),
        async_at_1000(ServerKind::Fastapi),
    ) {
        let _ = writeln!(
            out,
            "\nAt 1000 requests to `/test/async` with our client, one thread each: axum \
             {axum:.3} s, FastAPI {fastapi:.3} s; axum is {:.1}× as fast.",
            fastapi / axum
        );
    }
    out
}

/// One line of the plot: an endpoint reached one way.
struct Series {
    label: &'static str,
    endpoint: Endpoint,
    protocol: Protocol,
    colour: Colour,
}

const SERIES: [Series; 4] = [
    Series {
        label: "async",
        endpoint: Endpoint::Async,
        protocol: Protocol::Http1,
        colour: Colour::Blue,
    },
    Series {
        label: "async over HTTP/2",
        endpoint: Endpoint::Async,
        protocol: Protocol::Http2 { connections: 1 },
        colour: Colour::Purple,
    },
    Series {
        label: "sync",
        endpoint: Endpoint::Sync,
        protocol: Protocol::Http1,
        colour: Colour::Green,
    },
    Series {
        label: "blocking",
        endpoint: Endpoint::Blocking,
        protocol: Protocol::Http1,
        colour: Colour::Red,
    },
];

/// Worker-thread counts, each with its own dashes.
const WORKER_DASHES: [(usize, &[f64]); 3] =
    [(1, &[]), (2, &[6.0, 3.0]), (4, &[2.0, 3.0])];

/// Elapsed time against the number of requests, log-log, one line per endpoint and
/// worker count (our server, HTTP/1.1; and the async endpoint over HTTP/2).
fn plot(results: &Results) -> String {
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 400.0;
    const LEFT: f64 = 70.0;
    const RIGHT: f64 = 190.0;
    const TOP: f64 = 30.0;
    const BOTTOM: f64 = 50.0;
    let (x_min, x_max) = (100f64.log10(), 10_000f64.log10());
    let (y_min, y_max) = (-1.0f64, 2.0f64); // 0.1 s to 100 s
    let x = |n: f64| {
        LEFT + (n.log10() - x_min) / (x_max - x_min) * (WIDTH - LEFT - RIGHT)
    };
    let y = |s: f64| {
        let clamped = s.log10().clamp(y_min, y_max);
        HEIGHT
            - BOTTOM
            - (clamped - y_min) / (y_max - y_min) * (HEIGHT - TOP - BOTTOM)
    };
    let title = format!(
        "Elapsed time against concurrent requests ({})",
        results.machine.stamp
    );
    let mut svg = Document::new(WIDTH, HEIGHT, &title);
    for seconds in [0.1, 1.0, 10.0, 100.0] {
        svg.horizontal_grid_line(
            y(seconds),
            LEFT,
            WIDTH - RIGHT,
            &format!("{seconds} s"),
        );
    }
    for requests in [100.0, 1000.0, 10_000.0] {
        svg.vertical_grid_line(
            x(requests),
            TOP,
            HEIGHT - BOTTOM,
            &requests.to_string(),
        );
    }
    svg.text(
        (LEFT + WIDTH - RIGHT) / 2.0,
        HEIGHT - 12.0,
        "concurrent requests (log scale)",
        Anchor::Middle,
    );
    svg.vertical_text(16.0, (TOP + HEIGHT - BOTTOM) / 2.0, "elapsed (log scale)");
    let legend_x = WIDTH - RIGHT + 12.0;
    let mut legend_y = TOP;
    for series in &SERIES {
        for (workers, dashes) in WORKER_DASHES {
            let mut points: Vec<(f64, f64)> = results
                .runs
                .iter()
                .filter(|r| {
                    is_ours(r, series.protocol)
                        && r.endpoint == series.endpoint
                        && r.workers == workers
                })
                .map(|r| (r.report.requests as f64, r.report.elapsed_s))
                .collect();
            if points.is_empty() {
                continue;
            }
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            let stroke = Stroke::solid(series.colour).dashed(dashes);
            let scaled: Vec<(f64, f64)> =
                points.iter().map(|&(n, s)| (x(n), y(s))).collect();
            svg.polyline(&scaled, stroke);
            for (px, py) in scaled {
                svg.circle(px, py, 3.0, series.colour);
            }
            svg.line((legend_x, legend_y), (legend_x + 28.0, legend_y), stroke);
            let label = format!("{}, W={workers}", series.label);
            svg.text(legend_x + 34.0, legend_y + 4.0, &label, Anchor::Start);
            legend_y += 18.0;
        }
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Results {
        serde_json::from_str(
            r#"{
            "command": "cargo xtask bench --quick", "fastapi": false, "latency_ms": 100,
            "budget_s": 10.0,
            "machine": {"stamp": "2 × Test CPU, linux x86_64, rustc 1.95.0, 2026-11-26",
                        "cpus": 2, "cpu_model": "Test CPU", "os": "linux x86_64",
                        "rustc": "rustc 1.95.0", "date": "2026-11-26",
                        "crates": {"tokio": "1.48.0"}, "python": null},
            "runs": [
                {"server": "axum", "endpoint": "blocking", "workers": 1, "client": "http1",
                 "requests": 100, "successes": 100, "timeouts": 0, "errors": 0,
                 "first_error": null, "elapsed_s": 10.2, "requests_per_s": 9.8,
                 "p50_ms": 5000.0, "p99_ms": 9900.0, "connect_p50_ms": 1.0,
                 "connect_max_ms": 2.0, "client_cpu_s": 0.1, "server_cpu_s": 0.1,
                 "listen_overflows": 0, "server_rss_idle_kib": 1000,
                 "server_rss_peak_kib": 1500},
                {"server": "axum", "endpoint": "async", "workers": 1, "client": "http1",
                 "requests": 100, "successes": 98, "timeouts": 2, "errors": 0,
                 "first_error": "timed out", "elapsed_s": 0.105, "requests_per_s": 950.0,
                 "p50_ms": 101.0, "p99_ms": 104.0, "connect_p50_ms": 1.0,
                 "connect_max_ms": 2.0, "client_cpu_s": null, "server_cpu_s": null,
                 "listen_overflows": null, "server_rss_idle_kib": 1000,
                 "server_rss_peak_kib": 2000}
            ],
            "skipped": [{"server": "axum", "endpoint": "blocking", "workers": 1,
                         "requests": 1000, "client": "http1",
                         "reason": "needs at least 100 s"}]
        }"#,
        )
        .expect("the sample parses")
    }

    #[test]
    fn tables_show_every_run_with_its_ratio_and_failures() {
        let table = endpoints_table(&sample());
        assert!(table.contains("2 × Test CPU"), "{table}");
        assert!(
            table.contains(
                "| `/test/blocking` | 1 | 100 | 10.200 | 9.8 | 10.0 | 1.02× | 0 |"
            ),
            "{table}"
        );
        assert!(
            table.contains(
                "| `/test/async` | 1 | 100 | 0.105 | 950.0 | 0.1 | 1.05× | 2 (timed out) |"
            ),
            "{table}"
        );
        assert!(
            table.contains("| `/test/blocking` | 1 | 1000 | not run | | | | needs at least 100 s |"),
            "{table}"
        );
        let async_rows = async_table(&sample());
        assert!(
            async_rows.contains("| 10.0 |"),
            "1000 KiB over 100 requests: {async_rows}"
        );
        assert!(
            async_rows.contains("| – | – | – |"),
            "unknown CPU: {async_rows}"
        );
        assert!(fastapi_table(&sample()).contains("without `--fastapi`"));
    }

    #[test]
    fn the_plot_has_a_line_per_series_and_the_stamp() {
        let svg = plot(&sample());
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains(
            "<title>Elapsed time against concurrent requests (2 × Test CPU"
        ));
        assert!(svg.contains(">blocking, W=1</text>"));
    }

    #[test]
    fn stale_files_are_named_and_fresh_ones_are_not() {
        let dir = std::env::temp_dir()
            .join(format!("bench-render-{}", std::process::id()));
        let outputs = Outputs::under(&dir);
        let results = sample();
        write_all(&results, &outputs).unwrap();
        assert_eq!(stale(&results, &outputs), Vec::<PathBuf>::new());
        std::fs::write(outputs.tables.join("async.md"), "edited by hand\n").unwrap();
        std::fs::remove_file(&outputs.plot).unwrap();
        assert_eq!(
            stale(&results, &outputs),
            [outputs.tables.join("async.md"), outputs.plot.clone()]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
