//! The course's mdBook preprocessor: expands the pages' `{{#course …}}` directives with
//! `course::render`, so that every fact a page shows comes from the one place it is written,
//! and takes the Run button away from every Rust block the public playground cannot run
//! (`course::playground`).

use course::render::{Facts, OPEN, expand};
use mdbook_driver::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::path::{Path, PathBuf};

/// The preprocessor, registered by [`crate::book::build`].
pub struct CoursePreprocessor {
    pub root: PathBuf,
}

impl Preprocessor for CoursePreprocessor {
    fn name(&self) -> &str {
        "course"
    }

    fn run(
        &self,
        _context: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_driver::errors::Result<Book> {
        let facts = Facts::load(&self.root)?;
        let sources = course::pages::pages(&self.root);
        let mut failure = None;
        book.for_each_mut(|item| {
            let BookItem::Chapter(chapter) = item else {
                return;
            };
            let name = chapter
                .source_path
                .as_deref()
                .unwrap_or(Path::new("?"))
                .to_string_lossy()
                .replace('\\', "/");
            let mut processed = Ok(std::mem::take(&mut chapter.content));
            if let Some(source) = sources.iter().find(|page| page.name == name) {
                processed = processed.and_then(|text| course::playground::mark(source, &text));
            }
            processed = processed.and_then(|text| {
                if text.contains(OPEN) {
                    expand(&text, &facts)
                } else {
                    Ok(text)
                }
            });
            match processed {
                Ok(text) => chapter.content = text,
                Err(error) => {
                    failure.get_or_insert(error.context(format!("in src/{name}")));
                }
            }
        });
        match failure {
            Some(error) => Err(error),
            None => Ok(book),
        }
    }
}
