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
    build_hosted_at(root, out, None)
}

/// [`build`], for a site hosted at `site_url` (`/course/`) instead of book.toml's `site-url`:
/// the tests host it under a sub-path to prove that every page, and the 404 page, work there.
pub fn build_hosted_at(root: &Path, out: &Path, site_url: Option<&str>) -> anyhow::Result<()> {
    let mut book = mdbook_driver::MDBook::load(root)
        .map_err(|e| anyhow::anyhow!("mdBook cannot load the book: {e:#}"))?;
    if let Some(site_url) = site_url {
        book.config
            .set("output.html.site-url", site_url)
            .map_err(|e| anyhow::anyhow!("cannot set the site's URL: {e:#}"))?;
    }
    book.config.build.build_dir = out.to_path_buf();
    book.with_preprocessor(preprocess::CoursePreprocessor {
        root: root.to_path_buf(),
    });
    book.build()
        .map_err(|e| anyhow::anyhow!("mdBook cannot build the book: {e:#}"))
}
