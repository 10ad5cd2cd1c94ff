//! Facts written once and shown in several places agree: course.toml's chapters and
//! SUMMARY.md; the commands `cargo xtask --help` lists and the ones README.md and
//! CONTRIBUTING.md document; the generated files CONTRIBUTING.md lists and the ones the
//! regeneration command makes; the listings that measure real time and their build profile.

use clap::CommandFactory;
use course::chapters::chapters;

/// The top-level entries of SUMMARY.md: (title, page), the page empty for a draft.
fn summary_chapters(summary: &str) -> Vec<(String, String)> {
    summary
        .lines()
        .filter_map(|line| line.strip_prefix("- ["))
        .filter_map(|rest| {
            let (title, after) = rest.split_once("](")?;
            let page = after.strip_suffix(')')?;
            Some((title.to_string(), page.to_string()))
        })
        .collect()
}

#[test]
fn summary_lists_the_chapters_of_course_toml_in_order() {
    let root = course::workspace_root();
    let summary = course::read(&root.join("src/SUMMARY.md")).unwrap();
    let listed = summary_chapters(&summary);
    let expected: Vec<(String, String)> = chapters(&root)
        .unwrap()
        .into_iter()
        .map(|c| {
            let page = if c.is_written() {
                c.page.clone().unwrap_or_default()
            } else {
                String::new()
            };
            (c.title, page)
        })
        .collect();
    assert_eq!(
        listed, expected,
        "src/SUMMARY.md's chapters (a planned chapter is a draft: `- [Title]()`) must be \
         course.toml's, in order"
    );
}

/// Every command of `cargo xtask`, from its clap definition.
fn commands() -> Vec<String> {
    xtask::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

#[test]
fn readme_documents_every_command_and_both_files_only_real_ones() {
    let root = course::workspace_root();
    let readme = course::read(&root.join("README.md")).unwrap();
    let undocumented: Vec<String> = commands()
        .into_iter()
        .filter(|command| !readme.contains(&format!("cargo xtask {command}")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "README.md does not show `cargo xtask {}`: every command of `cargo xtask --help` must be \
         documented",
        undocumented.join("`, `cargo xtask ")
    );
    for file in ["README.md", "CONTRIBUTING.md"] {
        let text = course::read(&root.join(file)).unwrap();
        for mention in text.split("cargo xtask ").skip(1) {
            // The words of one mention: up to the end of the code span or of the line.
            let words: Vec<&str> = mention
                .split(['`', '\n', '#'])
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .collect();
            // `cargo xtask --help`: an option of the command itself.
            let Some(name) = words.first().filter(|w| !w.starts_with('-')) else {
                continue;
            };
            let cli = xtask::Cli::command();
            let Some(command) = cli.find_subcommand(name) else {
                panic!(
                    "{file} mentions `cargo xtask {name}`, which is not a command (see `cargo xtask --help`)"
                );
            };
            let mut options: Vec<String> = command
                .get_arguments()
                .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
                .collect();
            for nested in command.get_subcommands() {
                options.extend(
                    nested
                        .get_arguments()
                        .filter_map(|a| a.get_long().map(|l| format!("--{l}"))),
                );
            }
            for word in words.iter().filter(|w| w.starts_with("--")) {
                assert!(
                    options.iter().any(|o| o == word) || *word == "--help",
                    "{file} shows `cargo xtask {name} … {word}`, but `{name}` has no `{word}` \
                     (it has {})",
                    options.join(", ")
                );
            }
        }
    }
}

#[test]
fn contributing_lists_every_generated_file_and_its_command() {
    let root = course::workspace_root();
    let text = course::read(&root.join("CONTRIBUTING.md")).unwrap();
    for artifact in course::generated::ARTIFACTS {
        let row = format!(
            "| {} | {} | {} |",
            artifact.files, artifact.source, artifact.command
        );
        assert!(
            text.contains(&row),
            "CONTRIBUTING.md's table of generated files must have the row\n{row}"
        );
    }
}

#[test]
fn listings_that_measure_real_time_run_optimised() {
    let root = course::workspace_root();
    let manifest: toml::Table =
        toml::from_str(&course::read(&root.join("Cargo.toml")).unwrap()).unwrap();
    let optimised = manifest["profile"]["dev"]["package"].as_table().unwrap();
    let mut problems = Vec::new();
    for listing in course::listings::listings(&root) {
        let measures = listing.measures_real_time();
        let is_optimised = optimised
            .get(&listing.name)
            .and_then(|p| p.get("opt-level"))
            .and_then(|o| o.as_integer())
            == Some(3);
        if measures != is_optimised {
            problems.push(format!(
                "{}: {} real time (its output.txt {} `[..]`), so the root Cargo.toml must {}have \
                 `[profile.dev.package.{}] opt-level = 3`",
                listing.name,
                if measures {
                    "measures"
                } else {
                    "does not measure"
                },
                if measures { "has" } else { "has no" },
                if measures { "" } else { "not " },
                listing.name
            ));
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

#[test]
fn no_template_placeholder_is_left() {
    let root = course::workspace_root();
    let mut left = Vec::new();
    let mut stack: Vec<std::path::PathBuf> = [
        "src",
        "listings",
        "exercises",
        "solutions",
        "wrong-answers",
        "course.toml",
    ]
    .iter()
    .map(|p| root.join(p))
    .collect();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap().flatten() {
                stack.push(entry.path());
            }
        } else if let Ok(text) = std::fs::read_to_string(&path)
            && text.contains(course::scaffold::MARKER)
        {
            left.push(path.strip_prefix(&root).unwrap().display().to_string());
        }
    }
    left.sort();
    assert!(
        left.is_empty(),
        "these files still hold `{}` from a template: fill them\n  {}",
        course::scaffold::MARKER,
        left.join("\n  ")
    );
}
