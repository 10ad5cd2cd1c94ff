//! The book: built with mdBook (as a library, with the course's preprocessor) and checked.
//! (`course-serve` serves it with live reload.)
//!
//! - [`build`]: renders the book into a folder.
//! - [`check`]: what is wrong with its sources and its HTML, one line each.
//! - [`preprocess`]: expands the pages' `{{#course …}}` directives.

pub mod check;
pub mod preprocess;

use std::path::Path;

/// Renders the book of the course at `root` into `out` (HTML).
pub fn build(root: &Path, out: &Path) -> anyhow::Result<()> {
    let mut book = mdbook_driver::MDBook::load(root)
        .map_err(|e| anyhow::anyhow!("mdBook cannot load the book: {e:#}"))?;
    book.config.build.build_dir = out.to_path_buf();
    book.with_preprocessor(preprocess::CoursePreprocessor {
        root: root.to_path_buf(),
    });
    book.build()
        .map_err(|e| anyhow::anyhow!("mdBook cannot build the book: {e:#}"))
}
