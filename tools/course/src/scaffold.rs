//! New chapters, listings, exercises and wrong answers, written from the templates in
//! `tools/course/templates/` (`cargo xtask new`). Every place the author must fill says
//! [`MARKER`], and the test command fails until none is left, so a stub never lands.

use crate::exercises::MistakeKind;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// The marker of a place a template left for the author.
pub const MARKER: &str = "TODO(course)";

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
    let mut old = crate::read(path)?;
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
pub fn chapter_page(root: &Path, chapter: &str, suffix: &str) -> Result<PathBuf> {
    let mut pages: Vec<PathBuf> = crate::pages::pages(root)
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

pub fn new_chapter(root: &Path, chapter: &str) -> Result<Vec<PathBuf>> {
    let number = chapter_number(chapter)?;
    let chapters = crate::chapters::chapters(root)?;
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
    let course_file = root.join(crate::chapters::COURSE_FILE);
    let text = crate::read(&course_file)?;
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
    let summary = crate::read(&summary_file)?;
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

pub fn new_listing(root: &Path, chapter: &str) -> Result<Vec<PathBuf>> {
    let number = chapter_number(chapter)?;
    let existing = crate::listings::listings(root)
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

pub fn new_exercise(root: &Path, chapter: &str, name: &str, title: &str) -> Result<Vec<PathBuf>> {
    let chapter_number = chapter_number(chapter)?;
    kebab(name)?;
    let existing = crate::exercises::exercises(root)?
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

pub fn new_wrong_answer(
    root: &Path,
    exercise: &str,
    slug: &str,
    kind: &str,
    caught_by: &str,
) -> Result<Vec<PathBuf>> {
    kebab(slug)?;
    let all = crate::exercises::exercises(root)?;
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
