//! The book builds, and nothing on it is broken or untested: includes and anchors resolve, every
//! page is in SUMMARY.md, local links and fragments resolve, every ```rust block is compiled by
//! some test, and the repository has the shape the tools expect.

#[test]
fn the_book_builds_without_broken_includes_links_or_untested_code() {
    let root = course::workspace_root();
    let out = root.join("target").join("book-check");
    let _ = std::fs::remove_dir_all(&out);
    course_book::build(&root, &out).expect("the book builds");
    let problems = course_book::check::check_built_book(&root, &out);
    assert!(
        problems.is_empty(),
        "the book has problems:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn every_listing_has_a_recorded_output_and_a_test_that_checks_it() {
    let root = course::workspace_root();
    for listing in course::listings::listings(&root) {
        assert!(
            listing.output_file().is_file(),
            "{} has no output.txt: run `cargo xtask regen {}`",
            listing.name,
            listing.name
        );
        let test = std::fs::read_to_string(listing.dir.join("tests/output.rs")).unwrap_or_default();
        assert!(
            test.contains("recorded_output_test!"),
            "{}/tests/output.rs must call course_testkit::recorded_output_test!()",
            listing.name
        );
    }
}

#[test]
fn every_exercise_has_a_solution_checked_by_the_same_tests() {
    let root = course::workspace_root();
    let exercises = course::exercises::exercises(&root).expect("exercise manifests parse");
    for exercise in exercises {
        let name = exercise
            .starter_dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            exercise.starter_dir.join("tests/checks.rs").is_file(),
            "{} has no tests/checks.rs",
            exercise.package
        );
        let manifest = std::fs::read_to_string(exercise.solution_dir.join("Cargo.toml"))
            .unwrap_or_else(|_| {
                panic!(
                    "{} has no solution in solutions/{}/{name}",
                    exercise.package, exercise.chapter
                )
            });
        assert!(
            manifest.contains(&format!("name = \"{}\"", exercise.solution_package)),
            "solutions/{}/{name} must be the package `{}`",
            exercise.chapter,
            exercise.solution_package
        );
        // The solution's test target only includes the starter's checks: one copy of each check.
        let wrapper = std::fs::read_to_string(exercise.solution_dir.join("tests/checks.rs"))
            .unwrap_or_default();
        let include = format!(
            "include!(\"../../../../exercises/{}/{name}/tests/checks.rs\");",
            exercise.chapter
        );
        let own_code = wrapper
            .lines()
            .filter(|l| {
                !l.trim().is_empty()
                    && !l.starts_with("//")
                    && !l.starts_with("use ")
                    && l.trim() != include
            })
            .count();
        assert!(
            wrapper.contains(&include) && own_code == 0,
            "solutions/{}/{name}/tests/checks.rs must only alias the solution's crate and `{include}`",
            exercise.chapter
        );
    }
}

#[test]
fn every_compile_fail_case_has_a_pinned_message() {
    let root = course::workspace_root();
    for case in course::listings::compile_fail_cases(&root) {
        assert!(
            case.with_extension("stderr").is_file(),
            "{} has no .stderr: run `cargo xtask regen compile-fail` and review it",
            case.display()
        );
    }
}
