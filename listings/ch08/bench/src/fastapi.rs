//! The FastAPI side of the matrix: a virtual environment with fastapi, uvicorn and
//! httpx from PyPI, the article's app served by Uvicorn, and the article's httpx
//! client.

use crate::client::{Protocol, Report};
use crate::endpoints::Endpoint;
use crate::processes::{Stderr, run_bounded};
use crate::results::{Cell, ClientKind, ServerKind};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The app, relative to the workspace root.
pub const APP: &str = "listings/ch08/fastapi/app.py";
/// The article's client, relative to the workspace root.
pub const ARTICLE_CLIENT: &str = "listings/ch08/fastapi/article_client.py";
const PACKAGES: [&str; 3] = ["fastapi", "uvicorn", "httpx"];

/// How long creating the environment or installing the packages may take.
const INSTALL_PATIENCE: Duration = Duration::from_secs(600);
/// How long the article's client may run: its requests time out after 5 s each,
/// but a thousand of them queue behind its pool of 100 connections.
const ARTICLE_CLIENT_PATIENCE: Duration = Duration::from_secs(300);

/// Makes sure the virtual environment `venv` exists and has the packages; returns
/// its `python`. An `Err` says why the FastAPI side is skipped.
pub fn prepare(venv: &Path) -> Result<PathBuf, String> {
    let python = venv.join("bin/python");
    if !python.is_file() {
        println!(
            "== creating a Python virtual environment in {} ==",
            venv.display()
        );
        let mut create = Command::new("python3");
        create.args(["-m", "venv"]).arg(venv);
        run_bounded(create, INSTALL_PATIENCE, Stderr::Inherit).map_err(|e| {
            if e.starts_with("cannot start") {
                "python3 is not installed".to_string()
            } else {
                format!(
                    "`python3 -m venv` failed ({e}); on Debian: apt install \
                     python3-venv"
                )
            }
        })?;
    }
    if !imports_packages(&python) {
        println!("== installing {} from PyPI ==", PACKAGES.join(", "));
        let mut install = Command::new(venv.join("bin/pip"));
        install
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .args(PACKAGES);
        let installed = run_bounded(install, INSTALL_PATIENCE, Stderr::Inherit);
        if installed.is_err() || !imports_packages(&python) {
            return Err(format!(
                "could not install {} from PyPI (offline?)",
                PACKAGES.join(", ")
            ));
        }
    }
    Ok(python)
}

fn imports_packages(python: &Path) -> bool {
    let mut import = Command::new(python);
    import.args(["-c", "import fastapi, uvicorn, httpx"]);
    run_bounded(import, Duration::from_secs(60), Stderr::Capture).is_ok()
}

/// Python's and the packages' versions, for the results' machine stamp.
pub fn versions(python: &Path) -> Option<BTreeMap<String, String>> {
    let script = "import json, sys, fastapi, uvicorn, httpx; \
                  print(json.dumps({'python': sys.version.split()[0], \
                  'fastapi': fastapi.__version__, 'uvicorn': uvicorn.__version__, \
                  'httpx': httpx.__version__}))";
    let mut command = Command::new(python);
    command.args(["-c", script]);
    let printed =
        run_bounded(command, Duration::from_secs(60), Stderr::Capture).ok()?;
    serde_json::from_str(printed.trim()).ok()
}

/// FastAPI with one Uvicorn worker, and with four as in the article, measured with
/// our client and with the article's.
pub fn cells(quick: bool) -> Vec<Cell> {
    let counts: &[usize] = if quick { &[100] } else { &[100, 1000] };
    let shapes: &[(usize, &[usize])] = if quick {
        &[(1, counts)]
    } else {
        &[(1, counts), (4, &[100])]
    };
    let mut cells = Vec::new();
    for endpoint in [Endpoint::Async, Endpoint::Sync, Endpoint::Blocking] {
        for &(workers, counts) in shapes {
            for &requests in counts {
                for client in [ClientKind::Ours(Protocol::Http1), ClientKind::Httpx]
                {
                    cells.push(Cell {
                        server: ServerKind::Fastapi,
                        endpoint,
                        workers,
                        requests,
                        client,
                    });
                }
            }
        }
    }
    cells
}

/// What `article_client.py` prints: one line of JSON.
#[derive(Debug, Deserialize)]
struct ArticleReport {
    requests: usize,
    successes: usize,
    elapsed_s: f64,
    requests_per_s: f64,
    /// How many requests failed, by exception name or `HTTP <status>`.
    failures: BTreeMap<String, usize>,
}

/// Runs `article_client.py` and turns its output into a report like our client's.
pub fn run_article_client(
    root: &Path,
    python: &Path,
    url: &str,
    requests: usize,
) -> Result<Report, String> {
    let mut command = Command::new(python);
    command
        .arg(root.join(ARTICLE_CLIENT))
        .args([url, &requests.to_string()]);
    let stdout = run_bounded(command, ARTICLE_CLIENT_PATIENCE, Stderr::Capture)?;
    let printed: ArticleReport = serde_json::from_str(stdout.trim())
        .map_err(|e| format!("article_client.py printed no report ({e})"))?;
    Ok(report_from_article_client(printed))
}

/// The article client's summary as a report like our client's: httpx's timeout
/// exceptions (`ReadTimeout`, `PoolTimeout`, …) count as timeouts, everything else
/// as errors. It measures no latencies.
fn report_from_article_client(printed: ArticleReport) -> Report {
    let count = |timeouts: bool| -> usize {
        printed
            .failures
            .iter()
            .filter(|(kind, _)| kind.contains("Timeout") == timeouts)
            .map(|(_, n)| n)
            .sum()
    };
    let first_error = (!printed.failures.is_empty()).then(|| {
        printed
            .failures
            .iter()
            .map(|(kind, n)| format!("{n} × {kind}"))
            .collect::<Vec<_>>()
            .join(", ")
    });
    Report {
        requests: printed.requests,
        successes: printed.successes,
        timeouts: count(true),
        errors: count(false),
        first_error,
        elapsed_s: printed.elapsed_s,
        requests_per_s: printed.requests_per_s,
        p50_ms: None,
        p99_ms: None,
        connect_p50_ms: None,
        connect_max_ms: None,
        client_cpu_s: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn httpx_failures_are_sorted_into_timeouts_and_errors() {
        let printed: ArticleReport = serde_json::from_str(
            r#"{"requests": 100, "successes": 40, "elapsed_s": 5.2, "requests_per_s": 7.7,
                "failures": {"HTTP 500": 10, "ReadTimeout": 45, "PoolTimeout": 5}}"#,
        )
        .unwrap();
        let report = report_from_article_client(printed);
        assert_eq!((report.timeouts, report.errors), (50, 10));
        assert_eq!(
            report.first_error.as_deref(),
            Some("10 × HTTP 500, 5 × PoolTimeout, 45 × ReadTimeout")
        );
        assert_eq!(report.p50_ms, None);
    }

    #[test]
    fn the_article_configuration_is_measured_with_both_clients() {
        let full = cells(false);
        // Three endpoints × (one worker at two counts + four workers at 100) × two
        // clients.
        assert_eq!(full.len(), 3 * 3 * 2);
        assert!(
            full.iter()
                .any(|c| c.workers == 4 && c.client == ClientKind::Httpx)
        );
        assert!(
            cells(true)
                .iter()
                .all(|c| c.workers == 1 && c.requests == 100)
        );
    }
}
