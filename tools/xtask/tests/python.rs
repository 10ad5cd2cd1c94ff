//! The Python programs shown beside the Rust listings run, and print what their pages show.

use course::output::{check_matches, parse_recorded, run_bounded};
use std::time::Duration;

#[test]
fn python_listings_match_their_recorded_output() {
    let root = course::workspace_root();
    let workspace = course::Workspace::discover().unwrap();
    for listing in course::listings::python_listings(&root) {
        let pattern_text = std::fs::read_to_string(listing.output_file())
            .unwrap_or_else(|_| panic!("{} has no .output.txt pattern", listing.name));
        let pattern = parse_recorded(&pattern_text).unwrap();
        let recorded_text =
            std::fs::read_to_string(listing.recorded_run_file()).unwrap_or_else(|_| {
                panic!(
                    "{} has no recorded run: `cargo xtask record --python`",
                    listing.name
                )
            });
        let recorded = parse_recorded(&recorded_text).unwrap();
        assert!(
            recorded.machine.is_some(),
            "{}: the recorded run has no machine stamp",
            listing.name
        );
        if let Err(d) = check_matches(&pattern.body, &recorded.body) {
            panic!(
                "{}: the recorded run no longer matches the pattern: {d}",
                listing.name
            );
        }
        let command = course::generated::python_command(&workspace, &listing)
            .unwrap_or_else(|e| panic!("{e:#}"));
        let output =
            run_bounded(command, Duration::from_secs(120)).unwrap_or_else(|e| panic!("{e}"));
        if let Err(d) = check_matches(&pattern.body, &output) {
            panic!("{}: its output differs from the pattern: {d}", listing.name);
        }
    }
}
