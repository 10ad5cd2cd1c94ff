//! `cargo xtask new`: starts a chapter, a listing, an exercise or a wrong answer from the
//! templates in `tools/xtask/templates/`. Every place the author must fill says
//! `TODO(course)`, and the test command fails until none is left, so a stub never lands.

use crate::Workspace;
use anyhow::{Context, Result, bail};
use course::exercises::MistakeKind;
use std::path::{Path, PathBuf};

/// The marker of a place a template left for the author.
pub const MARKER: &str = "TODO(course)";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// Turn a chapter that course.toml plans into a written one: its first page, exercise
    /// and solution pages, SUMMARY.md entries and folders
    Chapter {
        /// The chapter, as course.toml names it (`ch05`)
        chapter: String,
    },
    /// Add the next listing of a chapter (`listings/chNN/listing-NN-MM`)
    Listing {
        /// The chapter (`ch05`)
        chapter: String,
    },
    /// Add an exercise: its starter, checks, solution, and sections on the chapter's
    /// exercise and solution pages
    Exercise {
        /// The chapter (`ch05`)
        chapter: String,
        /// The exercise's folder name, in kebab-case (`rate-limiter`)
        name: String,
        /// Its title, without the number (`"Limit the rate of requests"`)
        title: String,
    },
    /// Add a wrong answer to an exercise: the items of its solution that the mistake changes
    WrongAnswer {
        /// The exercise (`ch05-rate-limiter`)
        exercise: String,
        /// The mistake's file name, in kebab-case (`one-at-a-time`)
        slug: String,
        /// Its kind (`sequential`, `busy-wait`, …)
        #[arg(long)]
        kind: String,
        /// The check that must fail on it
        #[arg(long)]
        caught_by: String,
    },
}

pub fn run(workspace: &Workspace, args: Args) -> Result<()> {
    let root = &workspace.root;
    let written = match args.what {
        What::Chapter { chapter } => new_chapter(root, &chapter)?,
        What::Listing { chapter } => new_listing(root, &chapter)?,
        What::Exercise {
            chapter,
            name,
            title,
        } => new_exercise(root, &chapter, &name, &title)?,
        What::WrongAnswer {
            exercise,
            slug,
            kind,
            caught_by,
        } => new_wrong_answer(root, &exercise, &slug, &kind, &caught_by)?,
    };
    println!("Wrote:");
    for file in &written {
        println!("  {}", crate::regen::relative(root, file));
    }
    println!(
        "Next: fill every {MARKER} (`grep -rn '{MARKER}' .` lists them), then run \
         `cargo xtask test`. CONTRIBUTING.md describes each step."
    );
    Ok(())
}

/// A template with `{key}` replaced by each value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

fn create(path: &Path, text: &str) -> Result<PathBuf> {
    if path.exists() {
        bail!("{} already exists: choose another name", path.display());
    }
    std::fs::create_dir_all(path.parent().expect("a file in a folder"))?;
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path.to_path_buf())
}

fn append(path: &Path, text: &str) -> Result<PathBuf> {
    let mut old = course::read(path)?;
    old.push_str(text);
    std::fs::write(path, old)?;
    Ok(path.to_path_buf())
}

fn chapter_number(chapter: &str) -> Result<u32> {
    chapter
        .strip_prefix("ch")
        .filter(|n| n.len() == 2)
        .and_then(|n| n.parse().ok())
        .with_context(|| format!("`{chapter}` is not a chapter: chapters look like `ch05`"))
}

fn kebab(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        bail!("`{name}` must be kebab-case: lowercase letters, digits and `-`");
    }
    Ok(())
}

/// The page of `chapter` whose file name ends with `suffix` (`-exercises.md`).
fn chapter_page(root: &Path, chapter: &str, suffix: &str) -> Result<PathBuf> {
    let mut pages: Vec<PathBuf> = course::pages::pages(root)
        .into_iter()
        .map(|p| p.path)
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with(&format!("{chapter}-")) && name.ends_with(suffix)
        })
        .collect();
    pages.pop().with_context(|| {
        format!("{chapter} has no page ending in {suffix}: run `cargo xtask new chapter {chapter}` first")
    })
}

fn new_chapter(root: &Path, chapter: &str) -> Result<Vec<PathBuf>> {
    let number = chapter_number(chapter)?;
    let chapters = course::chapters::chapters(root)?;
    let entry = chapters.iter().find(|c| c.id == chapter).with_context(|| {
        format!(
            "course.toml has no chapter `{chapter}`: add it there first (title, article, \
                 status = \"planned\")"
        )
    })?;
    if entry.is_written() {
        bail!("{chapter} is already written");
    }
    let slug: String = entry
        .title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let first = format!("{chapter}-00-{slug}.md");
    let exercises = format!("{chapter}-01-exercises.md");
    let solutions = format!("{chapter}-02-solutions.md");
    let values = [
        ("chapter", chapter),
        ("title", entry.title.as_str()),
        ("solutions_page", solutions.as_str()),
    ];
    let src = root.join("src");
    let mut written = vec![
        create(
            &src.join(&first),
            &fill(include_str!("../templates/chapter/first-page.md"), &values),
        )?,
        create(
            &src.join(&exercises),
            &fill(include_str!("../templates/chapter/exercises.md"), &values),
        )?,
        create(
            &src.join(&solutions),
            &fill(include_str!("../templates/chapter/solutions.md"), &values),
        )?,
    ];

    // course.toml: the chapter is written now, with its page and a first reading time.
    let course_file = root.join(course::chapters::COURSE_FILE);
    let text = course::read(&course_file)?;
    let id_line = format!("id = \"{chapter}\"\n");
    let at = text
        .find(&id_line)
        .context("course.toml: chapter not found")?;
    let (before, after) = text.split_at(at);
    let end = after.find("\n[[chapter]]").unwrap_or(after.len());
    let block = after[..end].replacen(
        "status = \"planned\"\n",
        &format!(
            "page = \"{first}\"\nprerequisites = \"{MARKER}: what a reader must know first\"\nreading-minutes = 30\n"
        ),
        1,
    );
    std::fs::write(&course_file, format!("{before}{block}{}", &after[end..]))?;
    written.push(course_file);

    // SUMMARY.md: the draft entry becomes the chapter and its pages.
    let summary_file = src.join("SUMMARY.md");
    let summary = course::read(&summary_file)?;
    let draft = format!("- [{}]()", entry.title);
    if !summary.contains(&draft) {
        bail!("src/SUMMARY.md has no draft entry `{draft}`");
    }
    let entries = format!(
        "- [{}]({first})\n    - [Exercises]({exercises})\n    - [Solutions]({solutions})",
        entry.title
    );
    std::fs::write(&summary_file, summary.replacen(&draft, &entries, 1))?;
    written.push(summary_file);
    for folder in ["listings", "exercises", "solutions"] {
        std::fs::create_dir_all(root.join(folder).join(chapter))?;
    }
    let _ = number;
    Ok(written)
}

fn new_listing(root: &Path, chapter: &str) -> Result<Vec<PathBuf>> {
    let number = chapter_number(chapter)?;
    let existing = course::listings::listings(root)
        .into_iter()
        .filter(|l| l.name.starts_with(&format!("listing-{number:02}-")))
        .count();
    let name = format!("listing-{number:02}-{:02}", existing + 1);
    let dir = root.join("listings").join(chapter).join(&name);
    let shown = format!("{number}-{}", existing + 1);
    let values = [("name", name.as_str()), ("number", shown.as_str())];
    Ok(vec![
        create(
            &dir.join("Cargo.toml"),
            &fill(include_str!("../templates/listing/Cargo.toml"), &values),
        )?,
        create(
            &dir.join("src/main.rs"),
            &fill(include_str!("../templates/listing/main.rs"), &values),
        )?,
        create(
            &dir.join("tests/output.rs"),
            include_str!("../templates/listing/output.rs"),
        )?,
    ])
}

fn new_exercise(root: &Path, chapter: &str, name: &str, title: &str) -> Result<Vec<PathBuf>> {
    let chapter_number = chapter_number(chapter)?;
    kebab(name)?;
    let existing = course::exercises::exercises(root)?
        .into_iter()
        .filter(|e| e.chapter == chapter)
        .count();
    let number = format!("{chapter_number}.{}", existing + 1);
    let package = format!("{chapter}-{name}");
    let lib = name.replace('-', "_");
    let not_applicable: String = MistakeKind::ALL
        .iter()
        .map(|kind| {
            format!(
                "{} = \"{MARKER}: keep a wrong answer of this kind in wrong-answers/{chapter}/{name}/ (`cargo xtask new wrong-answer`) and remove this line, or say why it cannot happen\"\n",
                kind.name()
            )
        })
        .collect();
    let values = [
        ("chapter", chapter),
        ("name", name),
        ("package", package.as_str()),
        ("lib", lib.as_str()),
        ("number", number.as_str()),
        ("title", title),
        ("not_applicable", not_applicable.as_str()),
    ];
    let starter = root.join("exercises").join(chapter).join(name);
    let solution = root.join("solutions").join(chapter).join(name);
    let template = |text: &str| fill(text, &values);
    Ok(vec![
        create(
            &starter.join("Cargo.toml"),
            &template(include_str!("../templates/exercise/starter.Cargo.toml")),
        )?,
        create(
            &starter.join("src/lib.rs"),
            &template(include_str!("../templates/exercise/starter.lib.rs")),
        )?,
        create(
            &starter.join("tests/checks.rs"),
            &template(include_str!("../templates/exercise/checks.rs")),
        )?,
        create(
            &solution.join("Cargo.toml"),
            &template(include_str!("../templates/exercise/solution.Cargo.toml")),
        )?,
        create(
            &solution.join("src/lib.rs"),
            &template(include_str!("../templates/exercise/solution.lib.rs")),
        )?,
        create(
            &solution.join("tests/checks.rs"),
            &template(include_str!("../templates/exercise/solution.checks.rs")),
        )?,
        append(
            &chapter_page(root, chapter, "-exercises.md")?,
            &template(include_str!("../templates/exercise/page-section.md")),
        )?,
        append(
            &chapter_page(root, chapter, "-solutions.md")?,
            &template(include_str!("../templates/exercise/solution-section.md")),
        )?,
    ])
}

fn new_wrong_answer(
    root: &Path,
    exercise: &str,
    slug: &str,
    kind: &str,
    caught_by: &str,
) -> Result<Vec<PathBuf>> {
    kebab(slug)?;
    let all = course::exercises::exercises(root)?;
    let Some(exercise) = all.iter().find(|e| e.package == exercise) else {
        bail!("no exercise is called `{exercise}` (they look like `ch01-parallel-score`)");
    };
    if !MistakeKind::ALL.iter().any(|k| k.name() == kind) {
        bail!(
            "unknown kind `{kind}`; kinds: {}",
            MistakeKind::ALL.map(MistakeKind::name).join(", ")
        );
    }
    let path = root
        .join("wrong-answers")
        .join(&exercise.chapter)
        .join(&exercise.name)
        .join(format!("{slug}.rs"));
    let text = format!(
        "//! {MARKER}: the mistake, in one sentence, as a student would make it.\n//!\n//! kind: {kind}\n//! caught-by: {caught_by}\n\n// Copy here the item(s) of solutions/{}/{}/src/lib.rs that the mistake changes (a\n// function, a type, an `impl` block), and break them. Until then this wrong answer is the\n// solution, and the test command says that `{caught_by}` passes on it.\n",
        exercise.chapter, exercise.name
    );
    Ok(vec![create(&path, &text)?])
}

/// Proves that the exercise templates make an exercise the test command grades both ways (the
/// starter fails its check, the solution passes it): writes one into a scratch copy of the
/// course's pages and grades it.
pub fn prove_exercise_template(workspace: &Workspace) -> Result<String> {
    let scratch = workspace.target("course-grading/scaffold");
    let _ = std::fs::remove_dir_all(&scratch);
    for page in ["-exercises.md", "-solutions.md"] {
        let from = chapter_page(&workspace.root, "ch01", page)?;
        let to = scratch.join("src").join(from.file_name().expect("a page"));
        std::fs::create_dir_all(to.parent().expect("src/"))?;
        std::fs::copy(&from, &to)?;
    }
    new_exercise(
        &scratch,
        "ch01",
        "scaffolded",
        "Scaffolded by the test command",
    )?;
    let exercises = course::exercises::exercises(&scratch)?;
    course_grading::authors::grade_exercises(workspace, &exercises)?;
    Ok(format!(
        "`cargo xtask new exercise` writes an exercise whose starter fails and whose solution \
         passes ({})",
        exercises
            .first()
            .map(|e| e.package.as_str())
            .unwrap_or_default()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled_by_name() {
        assert_eq!(fill("{a}-{b}-{a}", &[("a", "x"), ("b", "y")]), "x-y-x");
    }

    #[test]
    fn chapters_and_names_are_checked() {
        assert_eq!(chapter_number("ch05").unwrap(), 5);
        assert!(chapter_number("5").is_err());
        assert!(kebab("rate-limiter").is_ok());
        assert!(kebab("Rate Limiter").is_err());
    }
}
