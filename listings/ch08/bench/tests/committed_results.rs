//! Chapter 8's tables and plot are rendered from the committed results file, never
//! edited by hand: render them again and compare. Also checks that the results file
//! has what the chapter relies on (a machine stamp, every endpoint measured, every
//! request accounted for), that the criterion recordings match their benchmarks, and
//! that the Python side at least compiles.

use bench::endpoints::Endpoint;
use bench::matrix::{CRITERION_BENCHES, criterion_command, criterion_file};
use bench::processes::{Stderr, run_bounded};
use bench::render::{Outputs, RENDER_COMMAND, stale};
use bench::results::{Results, ServerKind};
use bench::workspace::current_root;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

fn committed() -> (PathBuf, Outputs, Results) {
    let root = current_root().expect("the tests run inside the course");
    let outputs = Outputs::committed(&root);
    let results = Results::read(&outputs.results).unwrap_or_else(|e| panic!("{e}"));
    (root, outputs, results)
}

#[test]
fn committed_tables_and_plot_match_the_results_file() {
    let (_, outputs, results) = committed();
    let stale = stale(&results, &outputs);
    assert!(
        stale.is_empty(),
        "{stale:?} differ from what results.json renders to: run `{RENDER_COMMAND}` \
         (or the whole `cargo xtask bench`) and commit both"
    );
}

#[test]
fn the_results_file_is_written_as_the_harness_writes_it() {
    let (_, outputs, results) = committed();
    let text = std::fs::read_to_string(&outputs.results).unwrap();
    assert!(
        text == results.to_json(),
        "results.json was edited by hand or by an older harness; measured numbers \
         come from `cargo xtask bench` only"
    );
}

#[test]
fn the_results_name_their_machine_and_cover_every_endpoint() {
    let (_, _, results) = committed();
    let stamp = &results.machine.stamp;
    assert!(stamp.contains("rustc"), "no machine stamp: {stamp:?}");
    for endpoint in Endpoint::ALL {
        assert!(
            results
                .runs
                .iter()
                .any(|r| r.server == ServerKind::Axum && r.endpoint == endpoint),
            "no run of {}",
            endpoint.path()
        );
    }
    for run in &results.runs {
        let report = &run.report;
        assert_eq!(
            report.successes + report.timeouts + report.errors,
            report.requests,
            "every request accounted for: {}",
            run.cell()
        );
    }
    assert_eq!(
        results.fastapi,
        results.runs.iter().any(|r| r.server == ServerKind::Fastapi),
        "the `fastapi` flag says whether there are FastAPI rows"
    );
}

#[test]
fn the_criterion_recordings_name_their_machine_and_their_benchmarks() {
    let (root, _, _) = committed();
    let groups = [
        "spawn and join one/",
        "wait for 1000 futures/",
        "one request in-process/",
    ];
    for (bench, group) in CRITERION_BENCHES.into_iter().zip(groups) {
        let path = criterion_file(&root, bench);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run `cargo xtask bench --criterion`",
                path.display()
            )
        });
        let recorded = course::output::parse_recorded(&text).unwrap();
        assert_eq!(recorded.command, criterion_command(bench));
        assert!(
            recorded.machine.is_some(),
            "{} has no machine stamp",
            path.display()
        );
        // The group name comes from the benchmark's source: a renamed benchmark
        // needs a new recording.
        let source = root.join(format!("listings/ch08/bench/benches/{bench}.rs"));
        let source = std::fs::read_to_string(source).unwrap();
        assert!(
            source.contains(group.trim_end_matches('/')),
            "{bench}.rs no longer names {group:?}"
        );
        assert!(
            recorded.body.contains(group),
            "{} does not show {group:?}: run `cargo xtask bench --criterion`",
            path.display()
        );
    }
}

#[test]
fn the_python_side_compiles() {
    let (root, _, _) = committed();
    let mut compile = Command::new("python3");
    // compile() checks the syntax without writing __pycache__ into the repository.
    compile
        .args([
            "-c",
            "import sys\nfor f in sys.argv[1:]: compile(open(f).read(), f, 'exec')",
        ])
        .arg(root.join(bench::fastapi::APP))
        .arg(root.join(bench::fastapi::ARTICLE_CLIENT));
    match run_bounded(compile, Duration::from_secs(60), Stderr::Capture) {
        Ok(_) => {}
        Err(error) if error.starts_with("cannot start") => {
            eprintln!(
                "python3 is not installed: the FastAPI files were not compiled"
            );
        }
        Err(error) => panic!("a FastAPI file does not compile: {error}"),
    }
}
