use course::output::{check_matches, parse_recorded, run_bounded};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// How long a listing may run inside a test before it is killed.
const LISTING_TIME_LIMIT: Duration = Duration::from_secs(120);

/// Runs a listing's binary with the arguments of its recorded command and checks its standard
/// output against `output.txt` (where `[..]` matches anything within a line). When the listing
/// also keeps `recorded-run.txt` (one real run, shown on its page), checks that this file has a
/// machine stamp and still matches the pattern too.
///
/// # Panics
/// When the output differs, the program fails, or it runs longer than two minutes.
pub fn check_recorded_output(binary: &str, manifest_dir: &str) {
    check(binary, manifest_dir, None);
}

/// Like [`check_recorded_output`], but runs the program with `arguments` instead of those of
/// the recorded command, for a listing whose recorded run is too heavy for `cargo test` (a
/// smaller input that must print lines of the same shape). `recorded-run.txt` still comes from
/// the recorded command, and is checked against the same pattern.
///
/// # Panics
/// As [`check_recorded_output`].
pub fn check_recorded_output_with_arguments(binary: &str, manifest_dir: &str, arguments: &[&str]) {
    check(binary, manifest_dir, Some(arguments));
}

fn check(binary: &str, manifest_dir: &str, test_arguments: Option<&[&str]>) {
    let dir = Path::new(manifest_dir);
    let name = dir.file_name().unwrap().to_string_lossy();
    let regenerate = format!("if the change is intended, run `cargo xtask record {name}`");
    let pattern_text = std::fs::read_to_string(dir.join("output.txt"))
        .unwrap_or_else(|e| panic!("{name}: cannot read output.txt ({e}); {regenerate}"));
    let pattern =
        parse_recorded(&pattern_text).unwrap_or_else(|e| panic!("{name}/output.txt: {e}"));

    let mut command = Command::new(binary);
    match test_arguments {
        Some(test_arguments) => command.args(test_arguments),
        None => command.args(arguments(&pattern.command)),
    };
    let stdout = run_bounded(command, LISTING_TIME_LIMIT).unwrap_or_else(|e| panic!("{name}: {e}"));
    if let Err(difference) = check_matches(&pattern.body, &stdout) {
        panic!("{name}: the output differs from output.txt: {difference}\n{regenerate}");
    }

    let recorded_path = dir.join("recorded-run.txt");
    if let Ok(text) = std::fs::read_to_string(&recorded_path) {
        let run = parse_recorded(&text).unwrap_or_else(|e| panic!("{name}/recorded-run.txt: {e}"));
        assert!(
            run.machine.is_some(),
            "{name}/recorded-run.txt has no `# machine:` line; {regenerate}"
        );
        if let Err(difference) = check_matches(&pattern.body, &run.body) {
            panic!(
                "{name}: recorded-run.txt no longer matches output.txt: {difference}\n{regenerate}"
            );
        }
    }
}

/// The program arguments of a recorded command: what follows ` -- `.
fn arguments(command: &str) -> Vec<String> {
    command
        .split_once(" -- ")
        .map(|(_, args)| args.split_whitespace().map(String::from).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::arguments;

    #[test]
    fn arguments_follow_the_double_dash() {
        assert_eq!(
            arguments("cargo run -p listing-01-02"),
            Vec::<String>::new()
        );
        assert_eq!(
            arguments("cargo run --release -p listing-01-02 -- 10000 --quick"),
            vec!["10000", "--quick"]
        );
    }
}
