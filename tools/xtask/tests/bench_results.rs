//! Chapter 8's tables and plot are generated from the committed results file, never edited by
//! hand: render them again and compare. Also checks that the results file has what the chapter
//! relies on (a machine stamp, every endpoint measured, failures counted), and that the Python
//! side at least compiles.

use serde_json::Value;
use xtask::bench::render::{Outputs, read_results, render_all};

fn committed_results() -> (std::path::PathBuf, Value) {
    let root = course::workspace_root();
    let results = read_results(&root.join(xtask::bench::RESULTS)).expect("results.json parses");
    (root, results)
}

#[test]
fn committed_tables_and_plot_match_the_results_file() {
    let (root, results) = committed_results();
    for (path, expected) in render_all(&results, &Outputs::committed(&root)) {
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "{} is not what results.json renders to: run `cargo xtask bench --render` (or the \
             whole `cargo xtask bench`) and commit both",
            path.display()
        );
    }
}

#[test]
fn the_results_name_their_machine_and_cover_every_endpoint() {
    let (_, results) = committed_results();
    let stamp = results["machine"]["stamp"].as_str().unwrap_or_default();
    assert!(stamp.contains("rustc"), "no machine stamp: {stamp:?}");
    let runs = results["runs"].as_array().expect("a list of runs");
    for endpoint in ["async", "sync", "blocking"] {
        assert!(
            runs.iter()
                .any(|r| r["server"] == "axum" && r["endpoint"] == endpoint),
            "no run of /test/{endpoint}"
        );
    }
    for run in runs {
        let counted = ["successes", "timeouts", "errors"]
            .iter()
            .map(|k| run[k].as_u64().expect("counts are whole numbers"))
            .sum::<u64>();
        assert_eq!(
            Some(counted),
            run["requests"].as_u64(),
            "every request accounted for: {run}"
        );
    }
}

#[test]
fn the_criterion_recordings_name_their_machine_and_their_benchmarks() {
    let root = course::workspace_root();
    for (bench, group) in [
        ("spawn", "spawn and join one/"),
        ("join", "wait for 1000 futures/"),
        ("oneshot", "one request in-process/"),
    ] {
        let path = root.join(format!("listings/ch08/results/criterion-{bench}.txt"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run `cargo xtask bench --criterion`",
                path.display()
            )
        });
        let recorded = course::output::parse_recorded(&text).unwrap();
        assert_eq!(
            recorded.command,
            format!("cargo bench -p bench --bench {bench} -- --quick")
        );
        assert!(
            recorded.machine.is_some(),
            "{} has no machine stamp",
            path.display()
        );
        // The group name comes from the benchmark's source: a renamed benchmark needs a new run.
        let source =
            std::fs::read_to_string(root.join(format!("listings/ch08/bench/benches/{bench}.rs")))
                .unwrap();
        assert!(
            source.contains(group.trim_end_matches('/')),
            "{bench}.rs no longer names {group:?}"
        );
        assert!(
            recorded.body.contains(group),
            "{} does not show {group:?}",
            path.display()
        );
    }
}

#[test]
fn the_python_side_compiles() {
    let root = course::workspace_root();
    let Ok(status) = std::process::Command::new("python3")
        // compile() checks the syntax without writing __pycache__ into the repository.
        .args([
            "-c",
            "import sys\nfor f in sys.argv[1:]: compile(open(f).read(), f, 'exec')",
        ])
        .arg(root.join("listings/ch08/fastapi/app.py"))
        .arg(root.join("listings/ch08/fastapi/article_client.py"))
        .status()
    else {
        eprintln!("python3 is not installed: the FastAPI files were not compiled");
        return;
    };
    assert!(status.success(), "a FastAPI file does not compile");
}
