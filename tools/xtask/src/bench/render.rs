//! Tables and the plot of chapter 8, rendered from the results file only, so that a test can
//! re-render them from the committed results and compare.

use serde_json::Value;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Where the results file and what is rendered from it go.
pub struct Outputs {
    pub results: PathBuf,
    /// Markdown tables, included by the chapter (not .md pages under src/).
    pub tables: PathBuf,
    pub plot: PathBuf,
}

impl Outputs {
    /// The committed files the chapter shows.
    pub fn committed(root: &Path) -> Self {
        Outputs {
            results: root.join(super::RESULTS),
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

pub fn read_results(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read {} ({e}); run `cargo xtask bench` first",
            path.display()
        )
    })?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every rendered file: its path and its text.
pub fn render_all(results: &Value, outputs: &Outputs) -> Vec<(PathBuf, String)> {
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

pub fn write_all(results: &Value, outputs: &Outputs) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for (path, text) in render_all(results, outputs) {
        super::write(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

fn runs(results: &Value) -> impl Iterator<Item = &Value> {
    results["runs"].as_array().into_iter().flatten()
}

fn stamp(results: &Value) -> String {
    let machine = &results["machine"];
    let crates: Vec<String> = machine["crates"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, version)| format!("{name} {}", version.as_str().unwrap_or("?")))
        .collect();
    format!(
        "<p class=\"machine\">Measured by <code>{}</code> on {}; {}; every endpoint waits {} ms.</p>\n\n",
        text(&results["command"]),
        text(&machine["stamp"]),
        crates.join(", "),
        results["latency_ms"]
    )
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or("?").to_string()
}

fn number(value: &Value, decimals: usize) -> String {
    value
        .as_f64()
        .map_or("–".into(), |n| format!("{n:.decimals$}"))
}

/// The run's least possible time (see [`super::floor_s`]).
fn floor(run: &Value) -> Option<f64> {
    Some(super::floor_s(
        run["server"].as_str()?,
        run["endpoint"].as_str()?,
        run["workers"].as_u64()? as usize,
        run["requests"].as_u64()? as usize,
    ))
}

fn ratio(run: &Value) -> String {
    match (run["elapsed_s"].as_f64(), floor(run)) {
        (Some(elapsed), Some(floor)) if floor > 0.0 => format!("{:.2}×", elapsed / floor),
        _ => "–".into(),
    }
}

fn failures(run: &Value) -> String {
    let failed = run["timeouts"].as_u64().unwrap_or(0) + run["errors"].as_u64().unwrap_or(0);
    match failed {
        0 => "0".into(),
        n => format!(
            "{n} ({})",
            run["first_error"].as_str().unwrap_or("").replace('|', "/")
        ),
    }
}

/// Our server and client over HTTP/1.1: every endpoint, worker count and request count.
fn endpoints_table(results: &Value) -> String {
    let mut out = stamp(results);
    out.push_str("| Endpoint | Worker threads | Requests | Elapsed (s) | Requests/s | Least possible (s) | Elapsed / least | Failed |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---|\n");
    let mut rows: Vec<(&Value, bool)> = runs(results)
        .filter(|r| r["server"] == "axum" && r["client"] == "http1")
        .map(|r| (r, false))
        .chain(
            results["skipped"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|r| r["server"] == "axum")
                .map(|r| (r, true)),
        )
        .collect();
    rows.sort_by_key(|(r, _)| {
        (
            endpoint_order(&r["endpoint"]),
            r["workers"].as_u64(),
            r["requests"].as_u64(),
        )
    });
    for (run, skipped) in rows {
        let key = format!(
            "| `/test/{}` | {} | {} ",
            text(&run["endpoint"]),
            run["workers"],
            run["requests"]
        );
        if skipped {
            let _ = writeln!(out, "{key}| not run | | | | {} |", text(&run["reason"]));
        } else {
            let _ = writeln!(
                out,
                "{key}| {} | {} | {} | {} | {} |",
                number(&run["elapsed_s"], 3),
                number(&run["requests_per_s"], 1),
                number(&floor(run).into(), 1),
                ratio(run),
                failures(run)
            );
        }
    }
    out
}

fn endpoint_order(endpoint: &Value) -> usize {
    ["async", "sync", "blocking"]
        .iter()
        .position(|e| endpoint == e)
        .unwrap_or(3)
}

/// The async endpoint against its 100 ms floor, with where the time and memory go.
fn async_table(results: &Value) -> String {
    let mut out = stamp(results);
    out.push_str("| Worker threads | Requests | Client | Elapsed (s) | Elapsed / 100 ms | p50 (ms) | p99 (ms) | Connect p50 / max (ms) | Client CPU (s) | Server CPU (s) | Cores busy | Accept-queue drops | Server peak RSS (MiB) | Server KiB per request | Failed |\n");
    out.push_str("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    let mut rows: Vec<&Value> = runs(results)
        .filter(|r| r["server"] == "axum" && r["endpoint"] == "async")
        .collect();
    rows.sort_by_key(|r| {
        (
            r["workers"].as_u64(),
            r["requests"].as_u64(),
            text(&r["client"]),
        )
    });
    for run in rows {
        let per_request = match (
            run["server_rss_peak_kib"].as_f64(),
            run["server_rss_idle_kib"].as_f64(),
            run["requests"].as_f64(),
        ) {
            (Some(peak), Some(idle), Some(n)) => format!("{:.1}", (peak - idle) / n),
            _ => "–".into(),
        };
        // The share of the machine's cores that the client and the server kept busy together.
        let cores = results["machine"]["cpus"].as_f64().unwrap_or(1.0);
        let busy = match (
            run["client_cpu_s"].as_f64(),
            run["server_cpu_s"].as_f64(),
            run["elapsed_s"].as_f64(),
        ) {
            (Some(client), Some(server), Some(elapsed)) if elapsed > 0.0 => {
                format!("{:.0} %", 100.0 * (client + server) / (elapsed * cores))
            }
            _ => "–".into(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} / {} | {} | {} | {busy} | {} | {} | {per_request} | {} |",
            run["workers"],
            run["requests"],
            text(&run["client"]),
            number(&run["elapsed_s"], 3),
            ratio(run),
            number(&run["p50_ms"], 0),
            number(&run["p99_ms"], 0),
            number(&run["connect_p50_ms"], 1),
            number(&run["connect_max_ms"], 0),
            number(&run["client_cpu_s"], 2),
            number(&run["server_cpu_s"], 2),
            run["listen_overflows"]
                .as_u64()
                .map_or("–".into(), |n| n.to_string()),
            number(&json_mib(&run["server_rss_peak_kib"]), 1),
            failures(run)
        );
    }
    out
}

fn json_mib(kib: &Value) -> Value {
    kib.as_f64()
        .map_or(Value::Null, |k| Value::from(k / 1024.0))
}

/// FastAPI (one Uvicorn worker) beside our server on one runtime thread, same client; and the
/// article's httpx client against FastAPI.
fn fastapi_table(results: &Value) -> String {
    let mut out = stamp(results);
    if results["fastapi"] != true {
        out.push_str("*These results were measured without `--fastapi`: no FastAPI rows.*\n");
        return out;
    }
    if let Some(versions) = results["machine"]["python"].as_object() {
        let listed: Vec<String> = versions
            .iter()
            .map(|(name, v)| format!("{name} {}", v.as_str().unwrap_or("?")))
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"machine\">Python side: {}.</p>\n",
            listed.join(", ")
        );
    }
    out.push_str("| Server | Endpoint | Requests | Client | Elapsed (s) | Requests/s | Elapsed / least | Failed |\n");
    out.push_str("|---|---|---:|---|---:|---:|---:|---|\n");
    let fastapi_counts: Vec<u64> = runs(results)
        .filter(|r| r["server"] == "fastapi")
        .filter_map(|r| r["requests"].as_u64())
        .collect();
    let mut rows: Vec<&Value> = runs(results)
        .filter(|r| {
            r["server"] == "fastapi"
                || (r["server"] == "axum"
                    && r["workers"] == 1
                    && r["client"] == "http1"
                    && r["requests"]
                        .as_u64()
                        .is_some_and(|n| fastapi_counts.contains(&n)))
        })
        .collect();
    rows.sort_by_key(|r| {
        (
            endpoint_order(&r["endpoint"]),
            r["requests"].as_u64(),
            r["workers"].as_u64(),
            text(&r["client"]),
            text(&r["server"]),
        )
    });
    let async_at = |server: &str| {
        runs(results)
            .find(|r| {
                r["server"] == server
                    && r["endpoint"] == "async"
                    && r["workers"] == 1
                    && r["requests"] == 1000
                    && r["client"] == "http1"
            })
            .and_then(|r| r["elapsed_s"].as_f64())
    };
    let comparison = async_at("axum")
        .zip(async_at("fastapi"))
        .map(|(axum, fastapi)| {
            format!(
                "\nAt 1000 requests to `/test/async` with our client, one thread each: axum \
                 {axum:.3} s, FastAPI {fastapi:.3} s; axum is {:.1}× as fast.\n",
                fastapi / axum
            )
        });
    for run in rows {
        let server = match (
            run["server"] == "axum",
            run["workers"].as_u64().unwrap_or(1),
        ) {
            (true, _) => "axum, 1 thread".to_string(),
            (false, 1) => "FastAPI, 1 worker".to_string(),
            (false, workers) => format!("FastAPI, {workers} workers"),
        };
        let client = if run["client"] == "httpx" {
            "httpx (the article's)"
        } else {
            "ours, HTTP/1.1"
        };
        let _ = writeln!(
            out,
            "| {server} | `/test/{}` | {} | {client} | {} | {} | {} | {} |",
            text(&run["endpoint"]),
            run["requests"],
            number(&run["elapsed_s"], 3),
            number(&run["requests_per_s"], 1),
            ratio(run),
            failures(run)
        );
    }
    out.extend(comparison);
    out
}

/// Elapsed time against the number of requests, log-log, one line per endpoint and worker
/// count (our server, HTTP/1.1; and the async endpoint over HTTP/2).
fn plot(results: &Value) -> String {
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 400.0;
    const LEFT: f64 = 70.0;
    const RIGHT: f64 = 190.0;
    const TOP: f64 = 30.0;
    const BOTTOM: f64 = 50.0;
    // One series per endpoint and client; the async endpoint over HTTP/2 is its own series.
    let points: Vec<(String, u64, f64, f64)> = runs(results)
        .filter(|r| r["server"] == "axum" && (r["client"] == "http1" || r["client"] == "http2"))
        .filter_map(|r| {
            let series = match r["client"].as_str()? {
                "http2" => format!("{} over HTTP/2", text(&r["endpoint"])),
                _ => text(&r["endpoint"]),
            };
            Some((
                series,
                r["workers"].as_u64()?,
                r["requests"].as_f64()?,
                r["elapsed_s"].as_f64()?,
            ))
        })
        .collect();
    let (x_min, x_max) = (100f64.log10(), 10_000f64.log10());
    let (y_min, y_max) = (-1.0f64, 2.0f64); // 0.1 s to 100 s
    let x = |n: f64| LEFT + (n.log10() - x_min) / (x_max - x_min) * (WIDTH - LEFT - RIGHT);
    let y = |s: f64| {
        let clamped = s.log10().clamp(y_min, y_max);
        HEIGHT - BOTTOM - (clamped - y_min) / (y_max - y_min) * (HEIGHT - TOP - BOTTOM)
    };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <title>Elapsed time against concurrent requests ({})</title>\n\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"white\"/>\n",
        text(&results["machine"]["stamp"])
    );
    for seconds in [0.1, 1.0, 10.0, 100.0] {
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{seconds} s</text>",
            WIDTH - RIGHT,
            y(seconds),
            y(seconds),
            LEFT - 6.0,
            y(seconds) + 4.0
        );
    }
    for n in [100.0, 1000.0, 10_000.0] {
        let _ = writeln!(
            svg,
            "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{TOP}\" y2=\"{:.1}\" stroke=\"#ddd\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{n}</text>",
            x(n),
            x(n),
            HEIGHT - BOTTOM,
            x(n),
            HEIGHT - BOTTOM + 16.0
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">concurrent requests (log scale)</text>\n\
         <text transform=\"translate(16 {:.1}) rotate(-90)\" text-anchor=\"middle\">elapsed (log scale)</text>",
        (LEFT + WIDTH - RIGHT) / 2.0,
        HEIGHT - 12.0,
        (TOP + HEIGHT - BOTTOM) / 2.0
    );
    let mut legend_y = TOP;
    for (endpoint, colour) in [
        ("async", "#1f77b4"),
        ("async over HTTP/2", "#9467bd"),
        ("sync", "#2ca02c"),
        ("blocking", "#d62728"),
    ] {
        for (workers, dash) in [(1, ""), (2, "6 3"), (4, "2 3")] {
            let mut series: Vec<(f64, f64)> = points
                .iter()
                .filter(|(e, w, _, _)| e == endpoint && *w == workers)
                .map(|(_, _, n, s)| (*n, *s))
                .collect();
            if series.is_empty() {
                continue;
            }
            series.sort_by(|a, b| a.0.total_cmp(&b.0));
            let path: Vec<String> = series
                .iter()
                .map(|(n, s)| format!("{:.1},{:.1}", x(*n), y(*s)))
                .collect();
            let _ = writeln!(
                svg,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>",
                path.join(" ")
            );
            for (n, s) in &series {
                let _ = writeln!(
                    svg,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"/>",
                    x(*n),
                    y(*s)
                );
            }
            let legend_x = WIDTH - RIGHT + 12.0;
            let _ = writeln!(
                svg,
                "<line x1=\"{legend_x:.1}\" x2=\"{:.1}\" y1=\"{legend_y:.1}\" y2=\"{legend_y:.1}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/><text x=\"{:.1}\" y=\"{:.1}\">{endpoint}, W={workers}</text>",
                legend_x + 28.0,
                legend_x + 34.0,
                legend_y + 4.0
            );
            legend_y += 18.0;
        }
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "machine": {"stamp": "2 × Test CPU, linux x86_64, rustc 1.95.0, 2026-11-26", "crates": {"tokio": "1.48.0"}},
            "command": "cargo xtask bench --quick", "fastapi": false, "latency_ms": 100,
            "runs": [
                {"server": "axum", "endpoint": "blocking", "workers": 1, "requests": 100, "client": "http1",
                 "elapsed_s": 10.2, "requests_per_s": 9.8, "timeouts": 0, "errors": 0},
                {"server": "axum", "endpoint": "async", "workers": 1, "requests": 100, "client": "http1",
                 "elapsed_s": 0.105, "requests_per_s": 950.0, "timeouts": 2, "errors": 0,
                 "first_error": "timed out", "server_rss_idle_kib": 1000, "server_rss_peak_kib": 2000}
            ],
            "skipped": [{"server": "axum", "endpoint": "blocking", "workers": 1, "requests": 1000,
                         "client": "http1", "reason": "needs at least 100 s"}]
        })
    }

    #[test]
    fn tables_show_every_run_with_its_ratio_and_failures() {
        let table = endpoints_table(&sample());
        assert!(table.contains("2 × Test CPU"), "{table}");
        assert!(
            table.contains("| `/test/blocking` | 1 | 100 | 10.200 | 9.8 | 10.0 | 1.02× | 0 |"),
            "{table}"
        );
        assert!(
            table.contains(
                "| `/test/async` | 1 | 100 | 0.105 | 950.0 | 0.1 | 1.05× | 2 (timed out) |"
            ),
            "{table}"
        );
        assert!(table.contains("not run"), "{table}");
        let async_rows = async_table(&sample());
        assert!(
            async_rows.contains("| 10.0 |"),
            "1000 KiB over 100 requests: {async_rows}"
        );
    }

    #[test]
    fn the_plot_has_a_line_per_series_and_the_stamp() {
        let svg = plot(&sample());
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains("2 × Test CPU"));
    }
}
