//! What the tests of `cargo xtask serve` share: a copy of the book's sources to edit, a
//! headless browser, and a static host. Each test binary uses part of it.
#![allow(dead_code)]

pub mod browser;
pub mod static_site;

use std::path::{Path, PathBuf};

/// A copy of what the book is built from, in a folder of its own, removed when dropped.
pub struct BookCopy {
    pub root: PathBuf,
}

impl BookCopy {
    /// Copies exactly what `serve` watches: a build that needed anything else would fail.
    pub fn new(name: &str) -> Self {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = std::fs::remove_dir_all(&root);
        let source = course::workspace_root();
        for entry in course_serve::WATCHED {
            copy(&source.join(entry), &root.join(entry));
        }
        BookCopy { root }
    }

    /// Where `serve` builds the copy, as it builds the repository's book in target/.
    pub fn out(&self) -> PathBuf {
        self.root.join("target/book-serve")
    }

    /// The first page of chapter 1: its source (relative to the copy) and the page served.
    pub fn first_page(&self) -> (String, String) {
        let page = course::pages::pages(&self.root)
            .into_iter()
            .find(|page| page.name.starts_with("ch01-00"))
            .expect("chapter 1 has a first page");
        (
            format!("src/{}", page.name),
            page.name.replace(".md", ".html"),
        )
    }

    pub fn edit(&self, file: &str, change: impl FnOnce(String) -> String) {
        let path = self.root.join(file);
        let text = std::fs::read_to_string(&path).expect("the copy has the file");
        std::fs::write(&path, change(text)).expect("the copy is writable");
    }
}

impl Drop for BookCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        let name = from.file_name().unwrap_or_default();
        if name == "target" || name.to_string_lossy().starts_with('.') {
            return;
        }
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else if from.is_file() {
        std::fs::copy(from, to).unwrap();
    }
}
