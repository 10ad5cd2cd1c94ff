//! The course's chapters, as `course.toml` describes them: the one place where a chapter's
//! title, the article's sections it follows, its prerequisites and its reading time are
//! written.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::Path;

/// The file, at the root of the repository.
pub const COURSE_FILE: &str = "course.toml";

/// Whether a chapter is in the book yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Written, tested, listed in SUMMARY.md with its page.
    #[default]
    Written,
    /// Announced: listed in SUMMARY.md as a draft (no page yet).
    Planned,
}

/// One chapter.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Chapter {
    /// The folder name its listings and exercises use (`ch01`).
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub status: Status,
    /// Its first page, relative to `src/` (written chapters only).
    pub page: Option<String>,
    /// The headings of the article's sections it follows, in the article's words.
    pub article: Vec<String>,
    #[serde(default)]
    pub prerequisites: String,
    /// Minutes of reading; the exercises' minutes are in their manifests.
    pub reading_minutes: Option<u32>,
    /// Two or three questions for a class to discuss after the chapter (the instructor guide).
    #[serde(default)]
    pub discussion: Vec<String>,
}

impl Chapter {
    /// The chapter's number (`ch08` → 8).
    pub fn number(&self) -> u32 {
        self.id.trim_start_matches("ch").parse().unwrap_or(0)
    }

    pub fn is_written(&self) -> bool {
        self.status == Status::Written
    }

    /// The objectives its first page lists under [`OBJECTIVES_MARK`]: written once, on the
    /// page, and shown again by the instructor guide.
    pub fn objectives(&self, root: &Path) -> Result<Vec<String>> {
        let Some(page) = &self.page else {
            return Ok(Vec::new());
        };
        let path = root.join("src").join(page);
        let objectives = objectives(&crate::read(&path)?);
        if objectives.is_empty() {
            bail!(
                "{} has no objectives: write them as a list under `{OBJECTIVES_MARK}`",
                path.display()
            );
        }
        Ok(objectives)
    }
}

/// The line above the list of a chapter's objectives on its first page.
pub const OBJECTIVES_MARK: &str = "**You will learn to:**";

/// The items of the Markdown list under [`OBJECTIVES_MARK`], each joined onto one line.
pub fn objectives(page: &str) -> Vec<String> {
    let Some(start) = page.find(OBJECTIVES_MARK) else {
        return Vec::new();
    };
    let mut items: Vec<String> = Vec::new();
    for line in page[start + OBJECTIVES_MARK.len()..].lines().skip(1) {
        if let Some(item) = line.strip_prefix("- ") {
            items.push(item.trim().to_owned());
        } else if let (Some(last), true) = (items.last_mut(), line.starts_with("  ")) {
            last.push(' ');
            last.push_str(line.trim());
        } else if !(line.trim().is_empty() && items.is_empty()) {
            break;
        }
    }
    items
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseFile {
    chapter: Vec<Chapter>,
}

/// Every chapter, in order, checked for the fields its status needs.
pub fn chapters(root: &Path) -> Result<Vec<Chapter>> {
    let path = root.join(COURSE_FILE);
    let text = crate::read(&path)?;
    let file: CourseFile =
        toml::from_str(&text).with_context(|| format!("{} is not valid", path.display()))?;
    for (index, chapter) in file.chapter.iter().enumerate() {
        let expected = format!("ch{:02}", index + 1);
        if chapter.id != expected {
            bail!(
                "{COURSE_FILE}: chapter {} is `{}`; chapters are numbered in order, so it must be \
                 `{expected}`",
                index + 1,
                chapter.id
            );
        }
        if chapter.is_written() && (chapter.page.is_none() || chapter.reading_minutes.is_none()) {
            bail!(
                "{COURSE_FILE}: {} is written, so it needs `page` and `reading-minutes` (or \
                 `status = \"planned\"`)",
                chapter.id
            );
        }
    }
    Ok(file.chapter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_course_file_parses_and_numbers_chapters_in_order() {
        let chapters = chapters(&crate::workspace_root()).unwrap();
        assert_eq!(chapters[0].id, "ch01");
        assert_eq!(chapters[7].number(), 8);
    }

    #[test]
    fn objectives_are_the_list_under_the_mark_with_wrapped_lines_joined() {
        let page = "# Title\n\n**You will learn to:**\n\n- run work on every core;\n- compare a \
                    thread\n  and a task.\n\n**Before you start:** more text\n- not an objective\n";
        assert_eq!(
            objectives(page),
            ["run work on every core;", "compare a thread and a task."]
        );
        assert!(objectives("no mark here\n- item\n").is_empty());
    }

    #[test]
    fn every_written_chapter_lists_its_objectives() {
        let root = crate::workspace_root();
        for chapter in chapters(&root).unwrap().iter().filter(|c| c.is_written()) {
            let objectives = chapter.objectives(&root).unwrap();
            assert!(objectives.len() >= 3, "{}: {objectives:?}", chapter.id);
        }
    }
}
