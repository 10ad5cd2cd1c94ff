//! Generated files: every file a command makes, the command that makes it again, and the
//! proof that each is current (`cargo xtask regen` and `cargo xtask regen --check`).
//!
//! Two kinds of generated file:
//! - made from sources by a deterministic command (a table from the benchmark's results, a
//!   figure from its trace, a compiler message, a listing's fixed output): `--check` makes it
//!   again and compares;
//! - measured (a recorded run on real time, a benchmark's results): it cannot be made again
//!   identically, so the command that writes it also writes its fingerprint into
//!   [`LEDGER`], and `--check` compares the file with its fingerprint. A number typed by hand
//!   into a measured file fails the check.

use crate::Workspace;
use crate::listings::{Listing, PythonListing};
use crate::output::{Recorded, WILDCARD, check_matches, parse_recorded, render_recorded};
use crate::process::{self, Stderr};
use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The fingerprints of every generated file, in `sha256sum` format (`sha256sum -c` reads it).
pub const LEDGER: &str = "generated.sha256";

/// One kind of generated file: where it lives, what it is made from, which command makes it.
pub struct Artifact {
    pub name: &'static str,
    pub files: &'static str,
    pub source: &'static str,
    pub command: &'static str,
}

/// Every kind of generated file in the repository. CONTRIBUTING.md's table of generated files
/// must list exactly these (a test compares them).
pub const ARTIFACTS: [Artifact; 10] = [
    Artifact {
        name: "outputs",
        files: "`listings/chNN/listing-NN-MM/output.txt` (a listing that prints the same every run)",
        source: "the listing's program",
        command: "`cargo xtask regen outputs`, or `cargo xtask regen listing-NN-MM`",
    },
    Artifact {
        name: "outputs",
        files: "`listings/chNN/listing-NN-MM/recorded-run.txt` (a listing that measures real time)",
        source: "one release run, matched against the listing's `output.txt` pattern",
        command: "`cargo xtask regen outputs`, or `cargo xtask regen listing-NN-MM`",
    },
    Artifact {
        name: "compile-fail",
        files: "`listings/compile-fail/cases/*.stderr`",
        source: "the pinned compiler on the case's `.rs` file",
        command: "`cargo xtask regen compile-fail`",
    },
    Artifact {
        name: "python",
        files: "`listings/chNN/python/*.recorded-run.txt`",
        source: "one run of the Python program, matched against its `.output.txt` pattern",
        command: "`cargo xtask regen python`",
    },
    Artifact {
        name: "figures",
        files: "`listings/ch02/listing-02-03/timeline.tsv`, `src/img/ch02-timeline.svg`",
        source: "a traced run of Listing 2-3's executor, then its drawing",
        command: "`cargo xtask regen figures`",
    },
    Artifact {
        name: "figures",
        files: "`listings/ch04/listing-04-02/timeline.tsv`, `src/img/ch04-join-vs-try-join.svg`",
        source: "Listing 4-2's joins traced on the paused clock, then their drawing",
        command: "`cargo xtask regen figures`",
    },
    Artifact {
        name: "figures",
        files: "`listings/ch07/results/cpu-in-handlers.md`, `src/img/ch07-cpu-in-handlers.svg`",
        source: "chapter 7's measurement of a light endpoint beside a CPU-heavy one (`listings/ch08/bench`'s `cpu-handlers`), then its plot",
        command: "`cargo xtask regen figures`",
    },
    Artifact {
        name: "bench-tables",
        files: "`listings/ch08/results/{endpoints,async,fastapi}.md`, `src/img/ch08-elapsed.svg`",
        source: "`listings/ch08/results/results.json`",
        command: "`cargo xtask regen bench-tables`",
    },
    Artifact {
        name: "bench",
        files: "`listings/ch08/results/results.json`, `listings/ch08/results/criterion-*.txt`",
        source: "chapter 8's benchmark, measured",
        command: "`cargo xtask bench` (the matrix), `cargo xtask bench --criterion`",
    },
    Artifact {
        name: "first-build",
        files: "`listings/setup/first-build.txt` (the instructor guide's setup notes)",
        source: "a clean build of the workspace, measured",
        command: "`cargo xtask regen first-build` (not part of `cargo xtask regen`: it takes minutes)",
    },
];

/// The kinds `regen_kind` knows, in the order `cargo xtask regen` makes them.
pub const KINDS: [&str; 5] = [
    "outputs",
    "compile-fail",
    "python",
    "figures",
    "bench-tables",
];

/// Makes every file of `kind` again; returns the files written.
pub fn regen_kind(workspace: &Workspace, kind: &str) -> Result<Vec<PathBuf>> {
    match kind {
        "outputs" => crate::listings::listings(&workspace.root)
            .iter()
            .map(|listing| record_listing(workspace, listing))
            .collect(),
        "compile-fail" => record_compile_fail(workspace),
        "python" => crate::listings::python_listings(&workspace.root)
            .iter()
            .map(|listing| record_python(workspace, listing))
            .collect(),
        "figures" => record_figures(workspace),
        "bench-tables" => render_bench_tables(workspace),
        crate::first_build::KIND => Ok(vec![crate::first_build::measure(workspace)?]),
        _ => bail!(
            "cannot regenerate `{kind}`: say one of {}, first-build, or a listing (`listing-01-02`)",
            KINDS.join(", ")
        ),
    }
}

/// Makes one listing's recorded output again.
pub fn regen_listing(workspace: &Workspace, name: &str) -> Result<PathBuf> {
    let listings = crate::listings::listings(&workspace.root);
    // A Python program by its file's name (`bad-input-fastapi`): only that one is run again.
    if let Some(program) = crate::listings::python_listings(&workspace.root)
        .iter()
        .find(|p| p.path.file_stem().is_some_and(|stem| stem == name))
    {
        return record_python(workspace, program);
    }
    let Some(listing) = listings.iter().find(|l| l.name == name) else {
        bail!(
            "cannot regenerate `{name}`: say one of {}, first-build, a listing (`listing-01-02`) \
             or a Python program (`gil-threads`)",
            KINDS.join(", ")
        );
    };
    record_listing(workspace, listing)
}

/// Checks every generated file: the ledger's fingerprints, and the files a deterministic
/// command makes again. Returns how many files were checked.
pub fn check_all(workspace: &Workspace) -> Result<usize> {
    check_all_with(workspace, &Programs::default())
}

/// Programs already built, by package and binary name: the executable and its package's
/// folder. [`check_all_with`] runs them directly, as `cargo run` would (from the workspace's
/// root, with `CARGO_MANIFEST_DIR`), instead of through `cargo run`: the test command has just
/// built every one of them with the workspace's features, and `cargo run -p` would build some
/// dependencies again with fewer.
pub type Programs = BTreeMap<(String, String), (PathBuf, PathBuf)>;

/// [`check_all`], running the figure and table checkers from `programs` when they are there.
pub fn check_all_with(workspace: &Workspace, programs: &Programs) -> Result<usize> {
    let root = &workspace.root;
    let ledger = read_ledger(root)?;
    let mut problems = Vec::new();
    let generated = generated_files(root);
    for file in &generated {
        let relative = relative(root, file);
        match ledger.get(&relative) {
            None => problems.push(format!(
                "{relative} has no fingerprint in {LEDGER}: make it with `{}`",
                command_for(&relative)
            )),
            Some(expected) => {
                let actual = fingerprint(file)?;
                if &actual != expected {
                    problems.push(format!(
                        "{relative} is not what `{}` wrote (it was edited by hand, or by another \
                         command): make it again with that command",
                        command_for(&relative)
                    ));
                }
            }
        }
    }
    for relative in ledger.keys() {
        if !root.join(relative).is_file() {
            problems.push(format!(
                "{LEDGER} lists {relative}, which does not exist: run `cargo xtask regen`"
            ));
        }
    }
    problems.extend(check_bench_tables(workspace, programs)?);
    problems.extend(check_figures(workspace, programs)?);
    if !problems.is_empty() {
        bail!(
            "{} generated file(s) are not current:\n  {}",
            problems.len(),
            problems.join("\n  ")
        );
    }
    Ok(generated.len())
}

/// Every generated file that exists now.
pub fn generated_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for listing in crate::listings::listings(root) {
        if listing.recorded_run_file().is_file() {
            files.push(listing.recorded_run_file());
        } else if listing.output_file().is_file() {
            files.push(listing.output_file());
        }
    }
    files.extend(
        crate::listings::compile_fail_cases(root)
            .into_iter()
            .map(|case| case.with_extension("stderr"))
            .filter(|f| f.is_file()),
    );
    files.extend(
        crate::listings::python_listings(root)
            .iter()
            .map(PythonListing::recorded_run_file)
            .filter(|f| f.is_file()),
    );
    for fixed in [
        "listings/ch02/listing-02-03/timeline.tsv",
        "src/img/ch02-timeline.svg",
        "listings/ch04/listing-04-02/timeline.tsv",
        "src/img/ch04-join-vs-try-join.svg",
        "listings/ch07/results/cpu-in-handlers.md",
        "src/img/ch07-cpu-in-handlers.svg",
        "listings/ch08/results/endpoints.md",
        "listings/ch08/results/async.md",
        "listings/ch08/results/fastapi.md",
        "src/img/ch08-elapsed.svg",
        "listings/ch08/results/results.json",
        crate::first_build::FILE,
    ] {
        let file = root.join(fixed);
        if file.is_file() {
            files.push(file);
        }
    }
    let results = root.join("listings/ch08/results");
    for file in course_files(&results, "txt") {
        if file
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("criterion-"))
        {
            files.push(file);
        }
    }
    files.sort();
    files
}

fn course_files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

/// The command that makes a generated file, for messages.
fn command_for(relative: &str) -> String {
    let kind = if relative.ends_with(".stderr") {
        "compile-fail"
    } else if relative.contains("/python/") {
        "python"
    } else if relative == crate::first_build::FILE {
        return format!("cargo xtask regen {}", crate::first_build::KIND);
    } else if relative.contains("results.json") {
        return "cargo xtask bench".into();
    } else if relative.contains("criterion-") {
        return "cargo xtask bench --criterion".into();
    } else if relative.starts_with("listings/ch07/results/") {
        "figures"
    } else if relative.contains("ch08") {
        "bench-tables"
    } else if relative.starts_with("src/img/") || relative.ends_with("timeline.tsv") {
        "figures"
    } else {
        "outputs"
    };
    format!("cargo xtask regen {kind}")
}

/// `path` relative to `root`, with `/`.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn fingerprint(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn read_ledger(root: &Path) -> Result<BTreeMap<String, String>> {
    let path = root.join(LEDGER);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(BTreeMap::new());
    };
    let mut ledger = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let Some((hash, file)) = line.split_once("  ") else {
            bail!("{LEDGER}:{}: not `<sha256>  <file>`", number + 1);
        };
        ledger.insert(file.to_string(), hash.to_string());
    }
    Ok(ledger)
}

/// Records the fingerprints of `written` files (and forgets files that no longer exist).
pub fn update_ledger(root: &Path, written: &[PathBuf]) -> Result<()> {
    let mut ledger = read_ledger(root)?;
    for file in written {
        ledger.insert(relative(root, file), fingerprint(file)?);
    }
    ledger.retain(|file, _| root.join(file).is_file());
    let text: String = ledger
        .iter()
        .map(|(file, hash)| format!("{hash}  {file}\n"))
        .collect();
    std::fs::write(root.join(LEDGER), text).with_context(|| format!("cannot write {LEDGER}"))
}

/// How long one listing may run when recorded.
const LISTING_LIMIT: Duration = Duration::from_secs(300);

/// Runs a listing and writes `output.txt` (a listing that prints the same every run) or
/// `recorded-run.txt` (one that measures real time: its `output.txt` is a pattern with `[..]`).
fn record_listing(workspace: &Workspace, listing: &Listing) -> Result<PathBuf> {
    let existing = std::fs::read_to_string(listing.output_file())
        .ok()
        .map(|text| parse_recorded(&text))
        .transpose()
        .map_err(|e| anyhow::anyhow!("{}/output.txt: {e}", listing.name))?;
    let arguments = existing
        .as_ref()
        .and_then(|r| r.command.split_once(" -- ").map(|(_, a)| a.to_string()));
    let measures_real_time = existing.as_ref().is_some_and(|r| r.body.contains(WILDCARD));
    let mut command_line = if measures_real_time {
        format!("cargo run --release -p {}", listing.name)
    } else {
        format!("cargo run -p {}", listing.name)
    };
    let mut command = workspace.cargo();
    command.args(["run", "--quiet", "--package", &listing.name]);
    if measures_real_time {
        command.arg("--release");
    }
    if let Some(arguments) = &arguments {
        command.arg("--").args(arguments.split_whitespace());
        command_line = format!("{command_line} -- {arguments}");
    }
    println!("== {command_line} ==");
    let body =
        process::run(&mut command, LISTING_LIMIT, Stderr::Inherit)?.success(&listing.name)?;
    if measures_real_time {
        let pattern = existing.expect("checked above");
        check_matches(&pattern.body, &body).map_err(|difference| {
            anyhow::anyhow!(
                "{}: this run does not match output.txt ({difference}); update the pattern in \
                 output.txt by hand",
                listing.name
            )
        })?;
        let recorded = Recorded {
            command: command_line,
            machine: Some(crate::machine::stamp()),
            body,
        };
        write(&listing.recorded_run_file(), &render_recorded(&recorded))?;
        Ok(listing.recorded_run_file())
    } else {
        let recorded = Recorded {
            command: command_line,
            machine: None,
            body,
        };
        write(&listing.output_file(), &render_recorded(&recorded))?;
        println!(
            "{}: wrote output.txt (if the program measures real time, replace the values that \
             change between runs with {WILDCARD} and regenerate)",
            listing.name
        );
        Ok(listing.output_file())
    }
}

fn record_compile_fail(workspace: &Workspace) -> Result<Vec<PathBuf>> {
    println!("== compiler messages of the compile-fail cases (trybuild) ==");
    let mut command = workspace.cargo();
    command
        .args(["test", "--quiet", "--package", "compile-fail-cases"])
        .env("TRYBUILD", "overwrite");
    process::run(&mut command, Duration::from_secs(900), Stderr::Inherit)?.success("trybuild")?;
    Ok(crate::listings::compile_fail_cases(&workspace.root)
        .into_iter()
        .map(|case| case.with_extension("stderr"))
        .collect())
}

/// The Python interpreter the Python listings run with.
pub const PYTHON: &str = "python3";

/// `python3 <listing>` in the workspace root, or a one-line error saying how to get Python.
pub fn python_command(workspace: &Workspace, listing: &PythonListing) -> Result<Command> {
    let found = Command::new(PYTHON)
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        bail!(
            "`{PYTHON}` was not found: the Python side of the listings needs Python 3.11 or newer \
             on PATH"
        );
    }
    // A program that needs packages runs in the course's own environment, with the versions
    // it names, never with whatever the system's Python happens to have.
    let requires = listing.requirements()?;
    let python = if requires.is_empty() {
        PathBuf::from(PYTHON)
    } else {
        python_with(workspace, &requires)?
    };
    let mut command = Command::new(python);
    command.arg(&listing.path).current_dir(&workspace.root);
    Ok(command)
}

/// Whether `python` has every requirement (`pydantic==2.13.4`) installed, in a version it
/// allows: `pip install --dry-run --no-index` succeeds only then.
fn satisfied(python: &Path, requires: &[String]) -> bool {
    Command::new(python)
        .args(["-m", "pip", "install", "--dry-run", "--no-index", "--quiet"])
        .arg("--disable-pip-version-check")
        .args(requires)
        .output()
        .is_ok_and(|out| out.status.success())
}

/// A Python with `requires` installed: a virtual environment of the course's, in the target
/// folder, made and filled from PyPI the first time a listing needs it.
fn python_with(workspace: &Workspace, requires: &[String]) -> Result<PathBuf> {
    let venv = workspace.target_dir.join("python-listings-venv");
    let python = venv.join(if cfg!(windows) {
        "Scripts/python.exe"
    } else {
        "bin/python"
    });
    if !python.is_file() {
        println!(
            "== creating a Python virtual environment in {} ==",
            venv.display()
        );
        let mut create = Command::new(PYTHON);
        create.args(["-m", "venv"]).arg(&venv);
        process::run(&mut create, PIP_LIMIT, Stderr::Capture)
            .map_err(anyhow::Error::from)
            .and_then(|finished| finished.success("python3 -m venv"))
            .context("cannot create a virtual environment (on Debian: apt install python3-venv)")?;
    }
    if !satisfied(&python, requires) {
        println!("== installing {} from PyPI ==", requires.join(", "));
        let mut install = Command::new(&python);
        install
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(requires);
        process::run(&mut install, PIP_LIMIT, Stderr::Capture)
            .map_err(anyhow::Error::from)
            .and_then(|finished| finished.success("pip install"))
            .with_context(|| {
                format!(
                    "cannot install {} from PyPI (offline?)",
                    requires.join(", ")
                )
            })?;
    }
    Ok(python)
}

/// How long making the virtual environment or installing into it may take.
const PIP_LIMIT: Duration = Duration::from_secs(600);

fn record_python(workspace: &Workspace, listing: &PythonListing) -> Result<PathBuf> {
    println!("== python3 {} ==", listing.name);
    let pattern = parse_recorded(&crate::read(&listing.output_file())?)
        .map_err(|e| anyhow::anyhow!("{}: {e}", listing.name))?;
    let body = process::run(
        &mut python_command(workspace, listing)?,
        LISTING_LIMIT,
        Stderr::Inherit,
    )?
    .success(&listing.name)?;
    check_matches(&pattern.body, &body).map_err(|d| {
        anyhow::anyhow!(
            "{}: this run does not match its pattern ({d})",
            listing.name
        )
    })?;
    let recorded = Recorded {
        command: pattern.command,
        machine: Some(crate::machine::stamp()),
        body,
    };
    write(&listing.recorded_run_file(), &render_recorded(&recorded))?;
    Ok(listing.recorded_run_file())
}

/// The figure binaries: each records its trace and draws it (`--check`: draws the committed
/// trace in memory and compares with the committed picture).
const FIGURES: [(&str, &str, [&str; 2]); 3] = [
    (
        "listing-02-03",
        "timeline",
        [
            "listings/ch02/listing-02-03/timeline.tsv",
            "src/img/ch02-timeline.svg",
        ],
    ),
    (
        "listing-04-02",
        "timeline-04-02",
        [
            "listings/ch04/listing-04-02/timeline.tsv",
            "src/img/ch04-join-vs-try-join.svg",
        ],
    ),
    // Measured on real time (a few tens of seconds), unlike the two timelines.
    (
        "bench",
        "cpu-handlers",
        [
            "listings/ch07/results/cpu-in-handlers.md",
            "src/img/ch07-cpu-in-handlers.svg",
        ],
    ),
];

fn record_figures(workspace: &Workspace) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (package, bin, files) in FIGURES {
        println!("== cargo run -p {package} --bin {bin} ==");
        let mut command = workspace.cargo();
        command.args(["run", "--quiet", "--release", "-p", package, "--bin", bin]);
        process::run(&mut command, LISTING_LIMIT, Stderr::Inherit)?.success(bin)?;
        written.extend(files.iter().map(|f| workspace.root.join(f)));
    }
    Ok(written)
}

fn check_figures(workspace: &Workspace, programs: &Programs) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (package, bin, _) in FIGURES {
        let mut command = program(workspace, programs, package, bin);
        command.arg("--check");
        let finished = process::run(&mut command, LISTING_LIMIT, Stderr::Capture)?;
        if !finished.status.success() {
            problems.extend(problem_lines(&finished));
        }
    }
    Ok(problems)
}

/// `bin` of `package`, from `programs` if it was built already, else through `cargo run`;
/// either way run from the workspace's root, ready for its arguments.
fn program(workspace: &Workspace, programs: &Programs, package: &str, bin: &str) -> Command {
    match programs.get(&(package.to_owned(), bin.to_owned())) {
        Some((executable, package_dir)) => {
            let mut command = Command::new(executable);
            command
                .current_dir(&workspace.root)
                .env("CARGO_MANIFEST_DIR", package_dir);
            command
        }
        None => {
            let mut command = workspace.cargo();
            command.args(["run", "--quiet", "-p", package, "--bin", bin, "--"]);
            command
        }
    }
}

/// One problem per line a checking command printed, without its own `error: ` prefix.
fn problem_lines(finished: &process::Finished) -> Vec<String> {
    format!("{}\n{}", finished.stderr, finished.stdout)
        .lines()
        .map(|line| line.trim().trim_start_matches("error: ").to_string())
        .filter(|line| !line.is_empty())
        .collect()
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// What chapter 8's harness renders from the committed results file.
pub const BENCH_RENDERED: [&str; 4] = [
    "listings/ch08/results/endpoints.md",
    "listings/ch08/results/async.md",
    "listings/ch08/results/fastapi.md",
    "src/img/ch08-elapsed.svg",
];

/// `cargo run -p bench --bin matrix -- <args>`: chapter 8's harness.
pub fn bench_harness(workspace: &Workspace, args: &[&str], release: bool) -> Command {
    let mut command = workspace.cargo();
    command.args(["run", "--quiet", "-p", "bench", "--bin", "matrix"]);
    if release {
        command.arg("--release");
    }
    command.arg("--").args(args);
    command
}

fn render_bench_tables(workspace: &Workspace) -> Result<Vec<PathBuf>> {
    println!("== chapter 8's tables and plot, from results.json ==");
    process::run(
        &mut bench_harness(workspace, &["--render"], false),
        LISTING_LIMIT,
        Stderr::Inherit,
    )?
    .success("the benchmark harness")?;
    Ok(BENCH_RENDERED
        .iter()
        .map(|f| workspace.root.join(f))
        .collect())
}

fn check_bench_tables(workspace: &Workspace, programs: &Programs) -> Result<Vec<String>> {
    let mut command = program(workspace, programs, "bench", "matrix");
    command.arg("--check");
    let finished = process::run(&mut command, LISTING_LIMIT, Stderr::Capture)?;
    Ok(if finished.status.success() {
        Vec::new()
    } else {
        problem_lines(&finished)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_file_names_the_command_that_makes_it() {
        assert_eq!(
            command_for("src/img/ch04-join-vs-try-join.svg"),
            "cargo xtask regen figures"
        );
        assert_eq!(
            command_for("listings/ch07/results/cpu-in-handlers.md"),
            "cargo xtask regen figures"
        );
        assert_eq!(
            command_for("listings/ch02/listing-02-03/timeline.tsv"),
            "cargo xtask regen figures"
        );
        assert_eq!(
            command_for("src/img/ch08-elapsed.svg"),
            "cargo xtask regen bench-tables"
        );
        assert_eq!(
            command_for("listings/ch08/results/results.json"),
            "cargo xtask bench"
        );
        assert_eq!(
            command_for("listings/ch01/listing-01-05/recorded-run.txt"),
            "cargo xtask regen outputs"
        );
        assert_eq!(
            command_for("listings/compile-fail/cases/ch01-x.stderr"),
            "cargo xtask regen compile-fail"
        );
    }
}
