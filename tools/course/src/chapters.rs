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
}

impl Chapter {
    /// The chapter's number (`ch08` → 8).
    pub fn number(&self) -> u32 {
        self.id.trim_start_matches("ch").parse().unwrap_or(0)
    }

    pub fn is_written(&self) -> bool {
        self.status == Status::Written
    }
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
        assert!(chapters.iter().any(|c| !c.is_written()));
    }
}
