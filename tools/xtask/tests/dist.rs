//! `cargo xtask dist`: the students' archive, unpacked alone in a folder of its own, holds every
//! starter and its checks exactly as the repository has them (whose starters the test command
//! proves fail, and whose solutions it proves pass), none of the solutions or kept wrong
//! answers, and a workspace that resolves offline by itself. One exercise is then built there
//! for real: its starter fails its checks, and with its solution dropped in, they pass.

use course::process::{self, Stderr};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The exercise built inside the unpacked copy: the one with the fewest dependencies.
const BUILT: &str = "ch01-parallel-score";

/// A cargo build and test of one exercise, dependencies already compiled.
const CARGO_LIMIT: Duration = Duration::from_secs(600);

#[test]
fn the_students_archive_works_unpacked_alone() {
    let root = course::workspace_root();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dist");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    let archive = scratch.join("course-exercises.tar.gz");
    course::dist::write_archive(&root, &archive).expect("the archive is written");
    let unpacked = scratch.join("unpacked");
    std::fs::create_dir_all(&unpacked).unwrap();
    run(Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(&unpacked))
    .expect("the archive unpacks");
    let copy = unpacked.join(course::dist::TOP);

    for left_out in ["solutions", "wrong-answers", "listings", "src"] {
        assert!(
            !copy.join(left_out).exists(),
            "{left_out}/ is in the archive"
        );
    }
    let exercises = course::exercises::exercises(&root).unwrap();
    for exercise in &exercises {
        let relative = exercise.starter_dir.strip_prefix(&root).unwrap();
        for file in ["Cargo.toml", "src/lib.rs", "tests/checks.rs"] {
            let original = std::fs::read(exercise.starter_dir.join(file)).unwrap();
            let copied = std::fs::read(copy.join(relative).join(file))
                .unwrap_or_else(|_| panic!("{} lacks {file}", exercise.package));
            assert!(original == copied, "{}: {file} differs", exercise.package);
        }
    }

    run(Command::new("cargo")
        .args([
            "metadata",
            "--offline",
            "--format-version",
            "1",
            "--no-deps",
        ])
        .current_dir(&copy))
    .expect("the copy is a workspace of its own");

    // Built in the repository's target folder: the dependencies are compiled already, and the
    // copy's own crates get artifacts of their own (their paths differ).
    let target = course::Workspace::discover().unwrap().target_dir;
    let test = || {
        let mut cargo = Command::new("cargo");
        cargo
            .args(["test", "--offline", "-p", BUILT])
            .env("CARGO_TARGET_DIR", &target)
            .current_dir(&copy);
        run(&mut cargo)
    };
    let starter = test();
    assert!(
        starter
            .as_ref()
            .is_err_and(|e| e.contains("test result: FAILED")),
        "the starter of {BUILT} compiles and fails its checks in the copy: {starter:?}"
    );
    let exercise = exercises.iter().find(|e| e.package == BUILT).unwrap();
    let relative = exercise.starter_dir.strip_prefix(&root).unwrap();
    std::fs::copy(
        exercise.solution_dir.join("src/lib.rs"),
        copy.join(relative).join("src/lib.rs"),
    )
    .unwrap();
    let solved = test();
    assert!(
        solved.is_ok(),
        "with its solution dropped in, {BUILT} passes in the copy: {solved:?}"
    );
}

/// Runs a command to its end; `Err` holds what it printed when it failed.
fn run(command: &mut Command) -> Result<String, String> {
    let finished =
        process::run(command, CARGO_LIMIT, Stderr::Capture).map_err(|e| e.to_string())?;
    let printed = format!("{}\n{}", finished.stdout, finished.stderr);
    if finished.status.success() {
        Ok(printed)
    } else {
        Err(printed)
    }
}
