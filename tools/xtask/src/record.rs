//! `cargo xtask record`: re-runs listings and rewrites what they print on their pages.

use crate::cargo::{cargo, run_visible};
use course::listings::{Listing, PythonListing, listings, python_listings};
use course::output::{Recorded, WILDCARD, check_matches, parse_recorded, render_recorded};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const USAGE: &str = "cargo xtask record [LISTING…] | cargo xtask record --compile-fail | cargo xtask record --python";

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    if args.iter().any(|a| a == "--compile-fail") {
        crate::reject_unknown(args, &["--compile-fail"], USAGE)?;
        let mut command = cargo(root);
        command
            .args(["test", "--package", "compile-fail-cases"])
            .env("TRYBUILD", "overwrite");
        run_visible(command, "trybuild")?;
        println!(
            "Rewrote the .stderr files in listings/compile-fail/cases: review them with `git diff`."
        );
        return Ok(());
    }
    if args.iter().any(|a| a == "--python") {
        crate::reject_unknown(args, &["--python"], USAGE)?;
        for listing in python_listings(root) {
            record_python(root, &listing)?;
        }
        return Ok(());
    }
    let all = listings(root);
    if let Some(unknown) = args.iter().find(|a| !all.iter().any(|l| &l.name == *a)) {
        return Err(format!(
            "no listing is called `{unknown}` (names look like listing-01-02); usage: {USAGE}"
        ));
    }
    for listing in all
        .iter()
        .filter(|l| args.is_empty() || args.contains(&l.name))
    {
        record(root, listing)?;
    }
    Ok(())
}

fn record(root: &Path, listing: &Listing) -> Result<(), String> {
    let existing = std::fs::read_to_string(listing.output_file())
        .ok()
        .map(|text| parse_recorded(&text))
        .transpose()
        .map_err(|e| format!("{}/output.txt: {e}", listing.name))?;
    let arguments = existing
        .as_ref()
        .and_then(|r| r.command.split_once(" -- ").map(|(_, a)| a.to_string()));
    let measures_real_time = existing.as_ref().is_some_and(|r| r.body.contains(WILDCARD));
    let mut command_line = if measures_real_time {
        format!("cargo run --release -p {}", listing.name)
    } else {
        format!("cargo run -p {}", listing.name)
    };
    let mut command = cargo(root);
    command.args(["run", "--quiet", "--package", &listing.name]);
    if measures_real_time {
        command.arg("--release");
    }
    if let Some(arguments) = &arguments {
        command.arg("--").args(arguments.split_whitespace());
        command_line = format!("{command_line} -- {arguments}");
    }
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("{} failed ({})", listing.name, output.status));
    }
    let body = String::from_utf8(output.stdout)
        .map_err(|_| format!("{} printed non-UTF-8 text", listing.name))?;

    if measures_real_time {
        let pattern = existing.expect("checked above");
        check_matches(&pattern.body, &body).map_err(|difference| {
            format!(
                "{}: this run does not match output.txt ({difference}); update the pattern in output.txt by hand",
                listing.name
            )
        })?;
        let recorded = Recorded {
            command: command_line,
            machine: Some(course::machine::stamp()),
            body,
        };
        std::fs::write(listing.recorded_run_file(), render_recorded(&recorded))
            .map_err(|e| e.to_string())?;
        println!("{}: wrote recorded-run.txt", listing.name);
    } else {
        let recorded = Recorded {
            command: command_line,
            machine: None,
            body,
        };
        std::fs::write(listing.output_file(), render_recorded(&recorded))
            .map_err(|e| e.to_string())?;
        println!(
            "{}: wrote output.txt (if the program measures real time, replace the values that change between runs with {WILDCARD} and record again)",
            listing.name
        );
    }
    Ok(())
}

/// The Python interpreter the Python listings run with.
pub const PYTHON: &str = "python3";

/// `python3 <listing>` in the workspace root, or a one-line error saying how to get Python.
pub fn python_command(root: &Path, listing: &PythonListing) -> Result<Command, String> {
    let found = Command::new(PYTHON)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        return Err(format!(
            "`{PYTHON}` was not found: the Python side of the listings needs Python 3.8 or newer on PATH"
        ));
    }
    let mut command = Command::new(PYTHON);
    command.arg(&listing.path).current_dir(root);
    Ok(command)
}

fn record_python(root: &Path, listing: &PythonListing) -> Result<(), String> {
    let pattern_text = std::fs::read_to_string(listing.output_file()).map_err(|e| {
        format!(
            "{}: cannot read its .output.txt pattern ({e})",
            listing.name
        )
    })?;
    let pattern = parse_recorded(&pattern_text).map_err(|e| format!("{}: {e}", listing.name))?;
    let body =
        course::output::run_bounded(python_command(root, listing)?, Duration::from_secs(300))?;
    check_matches(&pattern.body, &body).map_err(|d| {
        format!(
            "{}: this run does not match its pattern ({d})",
            listing.name
        )
    })?;
    let recorded = Recorded {
        command: pattern.command,
        machine: Some(course::machine::stamp()),
        body,
    };
    std::fs::write(listing.recorded_run_file(), render_recorded(&recorded))
        .map_err(|e| e.to_string())?;
    println!(
        "{}: wrote {}",
        listing.name,
        listing.recorded_run_file().display()
    );
    Ok(())
}
