//! The `{{#course …}}` directives of the pages, expanded into Markdown made from the one place
//! each fact is written (`course.toml` for chapters; each exercise's manifest
//! for its title, minutes, hints and promises; `wrong-answers/` for the mistakes the checks
//! catch).
//!
//! - `{{#course chapters}}`: the list of chapters, written and planned;
//! - `{{#course instructor-table}}`: chapters with their article sections, prerequisites,
//!   minutes and what each exercise's checks verify;
//! - `{{#course instructor-guide}}`: the instructor guide ([`crate::guide`]), from the same
//!   facts as the table;
//! - `{{#course time chNN}}`: a chapter's reading and exercise minutes;
//! - `{{#course exercise chNN-name}}`: what the checks of an exercise verify, the mistakes they
//!   catch, and its hints, one step at a time.

use crate::chapters::Chapter;
use crate::exercises::{Exercise, WrongAnswer};
use anyhow::{Context, Result, bail};
use std::fmt::Write;
use std::path::Path;

/// What the directives are made from.
pub struct Facts {
    pub chapters: Vec<Chapter>,
    pub exercises: Vec<Exercise>,
    pub wrong_answers: Vec<WrongAnswer>,
    /// Each exercise's page (relative to `src/`), by package: the page with its directive.
    pub exercise_pages: std::collections::BTreeMap<String, String>,
    /// Each written chapter's objectives, by id, as its first page lists them.
    pub objectives: std::collections::BTreeMap<String, Vec<String>>,
}

impl Facts {
    pub fn load(root: &Path) -> Result<Self> {
        let exercises = crate::exercises::exercises(root)?;
        let pages = crate::pages::pages(root);
        let exercise_pages = exercises
            .iter()
            .filter_map(|exercise| {
                let directive = format!("{OPEN}exercise {}}}}}", exercise.package);
                let page = pages.iter().find(|p| p.text.contains(&directive))?;
                Some((exercise.package.clone(), page.name.clone()))
            })
            .collect();
        let chapters = crate::chapters::chapters(root)?;
        let objectives = chapters
            .iter()
            .filter(|c| c.is_written())
            .map(|c| Ok((c.id.clone(), c.objectives(root)?)))
            .collect::<Result<_>>()?;
        Ok(Self {
            chapters,
            objectives,
            exercises,
            wrong_answers: crate::exercises::wrong_answers(root)?,
            exercise_pages,
        })
    }

    pub(crate) fn exercises_of<'a>(
        &'a self,
        chapter: &'a str,
    ) -> impl Iterator<Item = &'a Exercise> {
        self.exercises.iter().filter(move |e| e.chapter == chapter)
    }

    pub(crate) fn exercise_minutes(&self, chapter: &str) -> u32 {
        self.exercises_of(chapter).map(|e| e.meta.minutes).sum()
    }

    pub(crate) fn objectives(&self, chapter: &str) -> &[String] {
        self.objectives.get(chapter).map_or(&[], Vec::as_slice)
    }
}

/// How every directive starts.
pub const OPEN: &str = "{{#course ";

/// `text` with every `{{#course …}}` directive expanded.
pub fn expand(text: &str, facts: &Facts) -> Result<String> {
    let mut result = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        result.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let end = after
            .find("}}")
            .context("a `{{#course` directive is not closed with `}}`")?;
        let words: Vec<&str> = after[..end].split_whitespace().collect();
        result.push_str(&directive(&words, facts)?);
        rest = &after[end + 2..];
    }
    result.push_str(rest);
    Ok(result)
}

fn directive(words: &[&str], facts: &Facts) -> Result<String> {
    match words {
        ["chapters"] => Ok(chapter_list(facts)),
        ["instructor-table"] => Ok(instructor_table(facts)),
        ["instructor-guide"] => crate::guide::guide(facts),
        ["time", chapter] => chapter_time(facts, chapter),
        ["exercise", package] => exercise_notes(facts, package),
        _ => bail!(
            "unknown directive `{{{{#course {}}}}}`; known: chapters, instructor-table, \
             instructor-guide, time chNN, exercise chNN-name",
            words.join(" ")
        ),
    }
}

fn chapter_list(facts: &Facts) -> String {
    let mut out = String::new();
    for chapter in &facts.chapters {
        let title = match (&chapter.page, chapter.is_written()) {
            (Some(page), true) => format!("[{}]({page})", chapter.title),
            _ => format!("{} *(planned: not written yet)*", chapter.title),
        };
        let _ = writeln!(
            out,
            "{}. {title}, after the article's {}",
            chapter.number(),
            quoted(&chapter.article)
        );
    }
    out
}

fn quoted(sections: &[String]) -> String {
    let quoted: Vec<String> = sections.iter().map(|s| format!("\"{s}\"")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Two tables: the chapters (article sections, prerequisites, minutes), then the exercises
/// (minutes, how many promises their checks hold, which kinds of mistake they are proven to
/// catch), each linking to its section, where the promises are listed.
fn instructor_table(facts: &Facts) -> String {
    let mut out = String::from(
        "| Chapter | Article section | Prerequisites | Minutes |\n|---|---|---|---|\n",
    );
    for chapter in &facts.chapters {
        let _ = match (&chapter.page, chapter.is_written()) {
            (Some(page), true) => writeln!(
                out,
                "| [{}. {}]({page}) | {} | {} | {} reading + {} exercises |",
                chapter.number(),
                chapter.title,
                quoted(&chapter.article),
                chapter.prerequisites,
                chapter.reading_minutes.unwrap_or_default(),
                facts.exercise_minutes(&chapter.id),
            ),
            _ => writeln!(
                out,
                "| {}. {} | {} | *planned: not written yet* | |",
                chapter.number(),
                chapter.title,
                quoted(&chapter.article)
            ),
        };
    }
    out.push_str(
        "\nEvery exercise: its minutes, how many promises of its text its checks hold (its \
         section lists them), and the kinds of plausible mistake kept as wrong answers, which \
         the test command proves its checks reject.\n\n\
         | Exercise | Minutes | Its checks hold | Kinds of mistake proven caught |\n|---|---:|---|---|\n",
    );
    for exercise in &facts.exercises {
        let title = match facts.exercise_pages.get(&exercise.package) {
            Some(page) => format!(
                "[{}]({page}#{})",
                exercise.meta.title,
                heading_id(&exercise.meta.title)
            ),
            None => exercise.meta.title.clone(),
        };
        let mut kinds: Vec<String> = facts
            .wrong_answers
            .iter()
            .filter(|w| w.exercise == exercise.package)
            .map(|w| w.kind.name())
            .collect();
        kinds.sort();
        kinds.dedup();
        let kept = facts
            .wrong_answers
            .iter()
            .filter(|w| w.exercise == exercise.package)
            .count();
        let _ = writeln!(
            out,
            "| {title} | {} | {} promises | {kept} wrong answers: {} |",
            exercise.meta.minutes,
            exercise.meta.promises.len(),
            kinds.join(", ")
        );
    }
    out
}

/// The id mdBook gives a heading: lowercase, words joined by `-`, other punctuation dropped.
pub(crate) fn heading_id(heading: &str) -> String {
    let kept: String = heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join("-")
}

fn chapter_time(facts: &Facts, id: &str) -> Result<String> {
    let chapter = facts
        .chapters
        .iter()
        .find(|c| c.id == id)
        .with_context(|| format!("course.toml has no chapter `{id}`"))?;
    let exercises = facts.exercise_minutes(id);
    let count = facts.exercises_of(id).count();
    if count == 0 {
        return Ok(format!(
            "**Time:** about {} minutes of reading; the chapter has no exercises.",
            chapter.reading_minutes.unwrap_or_default()
        ));
    }
    Ok(format!(
        "**Time:** about {} minutes of reading and {exercises} minutes for {count} exercise{}.",
        chapter.reading_minutes.unwrap_or_default(),
        if count == 1 { "" } else { "s" }
    ))
}

fn exercise_notes(facts: &Facts, package: &str) -> Result<String> {
    let exercise = facts
        .exercises
        .iter()
        .find(|e| e.package == package)
        .with_context(|| format!("there is no exercise `{package}`"))?;
    let mut out = format!(
        "**What the checks verify** (`cargo xtask check {package}`; about {} minutes):\n\n",
        exercise.meta.minutes
    );
    for promise in &exercise.meta.promises {
        let checks: Vec<String> = promise.checks.iter().map(|c| format!("`{c}`")).collect();
        let _ = writeln!(out, "- {} ({})", promise.promise, checks.join(", "));
    }
    let wrong: Vec<&WrongAnswer> = facts
        .wrong_answers
        .iter()
        .filter(|w| w.exercise == package)
        .collect();
    if !wrong.is_empty() {
        let _ = write!(
            out,
            "\n**Mistakes these checks catch.** Each is a wrong answer kept in \
             `wrong-answers/{}/{}/`, and the test command proves that the named check fails on \
             it:\n\n",
            exercise.chapter, exercise.name
        );
        for answer in wrong {
            let _ = writeln!(
                out,
                "- {} *({}; caught by `{}`)*",
                answer.mistake,
                answer.kind.describe(),
                answer.caught_by
            );
        }
    }
    out.push('\n');
    // Each hint inside the previous one: the reader opens one step at a time.
    let hints = &exercise.meta.hints;
    for (index, hint) in hints.iter().enumerate() {
        let _ = write!(
            out,
            "<details>\n<summary>Hint {} of {}</summary>\n\n{}\n\n",
            index + 1,
            hints.len(),
            hint.trim()
        );
    }
    for _ in hints {
        out.push_str("</details>\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts::load(&crate::workspace_root()).unwrap()
    }

    #[test]
    fn the_guide_and_the_instructor_table_agree_on_every_chapter_and_exercise() {
        let facts = facts();
        let table = expand("{{#course instructor-table}}", &facts).unwrap();
        let guide = expand("{{#course instructor-guide}}", &facts).unwrap();
        for chapter in facts.chapters.iter().filter(|c| c.is_written()) {
            let reading = chapter.reading_minutes.unwrap();
            let exercises = facts.exercise_minutes(&chapter.id);
            assert!(
                table.contains(&format!("{reading} reading + {exercises} exercises")),
                "{}",
                chapter.id
            );
            assert!(
                guide.contains(&format!(
                    "{reading} minutes of reading and {exercises} minutes of exercises"
                )),
                "{}",
                chapter.id
            );
            assert!(
                guide.contains(&chapter.prerequisites) && table.contains(&chapter.prerequisites)
            );
        }
        for exercise in &facts.exercises {
            let minutes = format!(
                "({} min, `cargo xtask check {}`)",
                exercise.meta.minutes, exercise.package
            );
            assert!(guide.contains(&minutes), "{minutes}");
            assert!(table.contains(&format!("| {} |", exercise.meta.minutes)));
        }
    }

    #[test]
    fn heading_ids_are_mdbooks() {
        assert_eq!(
            heading_id("1.1 Score documents on every core"),
            "11-score-documents-on-every-core"
        );
        assert_eq!(
            heading_id("2.2 A timer future, by hand"),
            "22-a-timer-future-by-hand"
        );
    }

    #[test]
    fn unknown_directives_are_refused_with_the_list() {
        let error = expand("a {{#course weather}} b", &facts()).unwrap_err();
        assert!(error.to_string().contains("instructor-table"), "{error}");
    }

    #[test]
    fn every_chapter_is_listed_with_its_status() {
        let facts = facts();
        let list = expand("{{#course chapters}}", &facts).unwrap();
        assert_eq!(list.lines().count(), facts.chapters.len());
        for chapter in &facts.chapters {
            let line = list.lines().find(|l| l.contains(&chapter.title)).unwrap();
            assert_eq!(line.contains("planned"), !chapter.is_written(), "{line}");
        }
    }

    #[test]
    fn an_exercise_shows_its_hints_one_inside_the_other() {
        let facts = facts();
        let exercise = &facts.exercises[0];
        let notes = expand(
            &format!("{{{{#course exercise {}}}}}", exercise.package),
            &facts,
        )
        .unwrap();
        assert_eq!(
            notes.matches("<details>").count(),
            exercise.meta.hints.len()
        );
        assert_eq!(
            notes.matches("</details>").count(),
            exercise.meta.hints.len()
        );
    }
}
