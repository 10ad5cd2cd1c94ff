//! The FastAPI side: a virtual environment with fastapi, uvicorn and httpx from PyPI, the
//! article's app served by uvicorn (one worker), and the article's httpx client.

use super::Job;
use super::processes::run_bounded;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The app, relative to the workspace root.
pub(crate) const APP: &str = "listings/ch08/fastapi/app.py";
const ARTICLE_CLIENT: &str = "listings/ch08/fastapi/article_client.py";
/// The virtual environment lives under target/, which git ignores.
const VENV: &str = "target/fastapi-venv";
const PACKAGES: [&str; 3] = ["fastapi", "uvicorn", "httpx"];

/// Makes sure the virtual environment exists and has the packages; returns its `python`.
/// An `Err` says why the FastAPI side is skipped.
pub(crate) fn prepare(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join(VENV);
    let python = venv.join("bin/python");
    if !python.is_file() {
        println!("== creating a Python virtual environment in {VENV} ==");
        let created = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status();
        match created {
            Ok(status) if status.success() => {}
            Ok(_) => {
                return Err(
                    "`python3 -m venv` failed (on Debian: apt install python3-venv)".into(),
                );
            }
            Err(_) => return Err("python3 is not installed".into()),
        }
    }
    if !imports_packages(&python) {
        println!("== installing {} from PyPI ==", PACKAGES.join(", "));
        let installed = Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .args(PACKAGES)
            .status();
        if !matches!(installed, Ok(s) if s.success()) || !imports_packages(&python) {
            return Err(format!(
                "could not install {} from PyPI (offline?)",
                PACKAGES.join(", ")
            ));
        }
    }
    Ok(python)
}

fn imports_packages(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import fastapi, uvicorn, httpx"])
        .status()
        .is_ok_and(|s| s.success())
}

/// Python's and the packages' versions, for the results' machine stamp.
pub(crate) fn versions(python: &Path) -> Value {
    let script = "import json, sys, fastapi, uvicorn, httpx; print(json.dumps({'python': \
                  sys.version.split()[0], 'fastapi': fastapi.__version__, 'uvicorn': \
                  uvicorn.__version__, 'httpx': httpx.__version__}))";
    Command::new(python)
        .args(["-c", script])
        .output()
        .ok()
        .and_then(|out| serde_json::from_slice(&out.stdout).ok())
        .unwrap_or(Value::Null)
}

/// FastAPI with one Uvicorn worker, and with four as in the article, measured with our client
/// and with the article's.
pub(crate) fn jobs(quick: bool) -> Vec<Job> {
    let counts: &[usize] = if quick { &[100] } else { &[100, 1000] };
    let shapes: &[(usize, &[usize])] = if quick {
        &[(1, counts)]
    } else {
        &[(1, counts), (4, &[100])]
    };
    let mut jobs = Vec::new();
    for endpoint in ["async", "sync", "blocking"] {
        for &(workers, counts) in shapes {
            for &requests in counts {
                for client in ["http1", "httpx"] {
                    jobs.push(Job {
                        server: "fastapi",
                        endpoint,
                        workers,
                        requests,
                        client: client.into(),
                    });
                }
            }
        }
    }
    jobs
}

/// Runs `article_client.py` and turns its output into a report like our client's.
pub(crate) fn run_article_client(
    root: &Path,
    python: &Path,
    url: &str,
    requests: usize,
) -> Result<Value, String> {
    let mut command = Command::new(python);
    command
        .arg(root.join(ARTICLE_CLIENT))
        .args([url, &requests.to_string()]);
    let stdout = run_bounded(command, Duration::from_secs(300))?;
    let out: Value = serde_json::from_str(stdout.trim())
        .map_err(|e| format!("article_client.py printed no JSON report: {e}"))?;
    Ok(report_from_article_client(&out))
}

/// The article client's summary as a report like our client's: httpx's timeout exceptions
/// (`ReadTimeout`, `PoolTimeout`, …) count as timeouts, everything else as errors.
fn report_from_article_client(out: &Value) -> Value {
    let failures = out["failures"].as_object().cloned().unwrap_or_default();
    let count = |timeouts: bool| -> u64 {
        failures
            .iter()
            .filter(|(kind, _)| kind.contains("Timeout") == timeouts)
            .filter_map(|(_, n)| n.as_u64())
            .sum()
    };
    let first_error = (!failures.is_empty()).then(|| {
        failures
            .iter()
            .map(|(kind, n)| format!("{n} × {kind}"))
            .collect::<Vec<_>>()
            .join(", ")
    });
    json!({
        "requests": out["requests"],
        "successes": out["successes"],
        "timeouts": count(true),
        "errors": count(false),
        "first_error": first_error,
        "elapsed_s": out["elapsed_s"],
        "requests_per_s": out["requests_per_s"],
        "p50_ms": null, "p99_ms": null, "connect_p50_ms": null, "connect_max_ms": null,
        "client_cpu_s": null,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn httpx_failures_are_sorted_into_timeouts_and_errors() {
        let out = json!({
            "requests": 100, "successes": 40, "elapsed_s": 5.2, "requests_per_s": 7.7,
            "failures": {"HTTP 500": 10, "ReadTimeout": 45, "PoolTimeout": 5}
        });
        let report = report_from_article_client(&out);
        assert_eq!(report["timeouts"], 50);
        assert_eq!(report["errors"], 10);
        assert_eq!(
            report["first_error"],
            "10 × HTTP 500, 5 × PoolTimeout, 45 × ReadTimeout"
        );
    }
}
