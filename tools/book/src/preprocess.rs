//! The course's mdBook preprocessor: expands the pages' `{{#course …}}` directives with
//! `course::render`, so that every fact a page shows comes from the one place it is written.

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
        let mut failure = None;
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item
                && chapter.content.contains(OPEN)
            {
                match expand(&chapter.content, &facts) {
                    Ok(text) => chapter.content = text,
                    Err(error) => {
                        failure.get_or_insert(error.context(format!(
                            "in src/{}",
                            chapter
                                .source_path
                                .as_deref()
                                .unwrap_or(Path::new("?"))
                                .display()
                        )));
                    }
                }
            }
        });
        match failure {
            Some(error) => Err(error),
            None => Ok(book),
        }
    }
}
