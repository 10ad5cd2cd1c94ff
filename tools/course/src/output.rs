//! Recorded program output and how a new run is compared with it.
//!
//! A listing's `output.txt` starts with the command that produced it (`$ cargo run -p …`) and
//! holds what the program printed. Where a value changes from run to run (a duration, a memory
//! size, a core count), the recorded line says `[..]` in its place: `[..]` matches any text
//! within one line. Everything else must match exactly.
//!
//! A listing that measures real time also keeps `recorded-run.txt`: the literal output of one
//! run, stamped with the machine it ran on. The page shows that file; the tests check it still
//! matches the pattern, so the numbers a reader sees always come from the current program.

/// The placeholder that matches any text within one line.
pub const WILDCARD: &str = "[..]";

/// A recorded output file, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The command line, without the `$ ` prompt.
    pub command: String,
    /// The machine stamp (`# machine: …` line), when the file has one.
    pub machine: Option<String>,
    /// What the program printed.
    pub body: String,
}

pub const MACHINE_PREFIX: &str = "# machine: ";

/// Splits a recorded file into command, machine stamp and body.
pub fn parse_recorded(text: &str) -> Result<Recorded, String> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    let command = first
        .strip_prefix("$ ")
        .ok_or("the first line of a recorded output must be the command, starting with `$ `")?
        .trim_end()
        .to_string();
    let mut body: String = lines.collect();
    let mut machine = None;
    if let Some(rest) = body.strip_prefix(MACHINE_PREFIX) {
        let (stamp, after) = rest.split_once('\n').unwrap_or((rest, ""));
        machine = Some(stamp.trim().to_string());
        body = after.to_string();
    }
    Ok(Recorded {
        command,
        machine,
        body,
    })
}

/// Renders a recorded file from its parts.
pub fn render_recorded(recorded: &Recorded) -> String {
    let mut text = format!("$ {}\n", recorded.command);
    if let Some(machine) = &recorded.machine {
        text.push_str(&format!("{MACHINE_PREFIX}{machine}\n"));
    }
    text.push_str(&recorded.body);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Compares program output with a pattern, line by line. Trailing whitespace is ignored.
pub fn check_matches(pattern: &str, actual: &str) -> Result<(), String> {
    let expected: Vec<&str> = pattern.lines().map(str::trim_end).collect();
    let got: Vec<&str> = actual.lines().map(str::trim_end).collect();
    for (index, (want, have)) in expected.iter().zip(&got).enumerate() {
        if !line_matches(want, have) {
            return Err(format!(
                "line {} differs\n  expected: {want}\n  actual:   {have}",
                index + 1
            ));
        }
    }
    if expected.len() != got.len() {
        return Err(format!(
            "expected {} lines, the program printed {}\n--- expected ---\n{pattern}\n--- actual ---\n{actual}",
            expected.len(),
            got.len()
        ));
    }
    Ok(())
}

/// True when `line` matches `pattern`, where each `[..]` stands for any text.
pub fn line_matches(pattern: &str, line: &str) -> bool {
    let mut parts = pattern.split(WILDCARD);
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Runs `command` with a time limit and returns what it printed on standard output. Its
/// standard error goes to ours. An error says what went wrong in one line.
pub fn run_bounded(
    mut command: std::process::Command,
    limit: std::time::Duration,
) -> Result<String, String> {
    let program = format!("{:?}", command.get_program());
    crate::process::run(&mut command, limit, crate::process::Stderr::Inherit)
        .map_err(|e| e.to_string())?
        .success(&program)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_within_a_line() {
        assert!(line_matches("took [..] ms", "took 12.5 ms"));
        assert!(line_matches("[..]", "anything"));
        assert!(line_matches("a [..] b [..] c", "a 1 b 2 c"));
        assert!(!line_matches("a [..] b [..] c", "a 1 c 2 b"));
        assert!(!line_matches("took [..] ms", "took 12.5 s"));
        assert!(!line_matches("exact", "exactly"));
        assert!(line_matches("exact", "exact"));
    }

    #[test]
    fn whole_outputs_must_have_the_same_lines() {
        assert!(check_matches("one\ntwo [..]\n", "one\ntwo 2\n").is_ok());
        assert!(check_matches("one\n", "one\ntwo\n").is_err());
        let err = check_matches("one\nthree\n", "one\ntwo\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn recorded_files_round_trip() {
        let text = "$ cargo run -p listing-01-02\n# machine: 2 cores\nhello\n";
        let recorded = parse_recorded(text).unwrap();
        assert_eq!(recorded.command, "cargo run -p listing-01-02");
        assert_eq!(recorded.machine.as_deref(), Some("2 cores"));
        assert_eq!(recorded.body, "hello\n");
        assert_eq!(render_recorded(&recorded), text);
        assert!(parse_recorded("hello\n").is_err());
    }
}
