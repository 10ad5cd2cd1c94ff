//! Turns every page of the book into a module whose documentation is that page, with blocks that
//! only include workspace files turned into text. `cargo test -p inline-snippets --doc` then
//! compiles and runs each remaining ```rust block, as rustdoc does for any crate's docs.

use std::path::Path;

fn main() {
    let root = course::workspace_root();
    let src = root.join("src");
    println!("cargo::rerun-if-changed={}", src.display());
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("pages");
    let mut modules = String::new();
    for page in course::pages::pages(&root) {
        let file = out.join(&page.name);
        write_if_changed(&file, &course::pages::doctest_markdown(&page.text));
        let module: String = page
            .name
            .trim_end_matches(".md")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        modules.push_str(&format!(
            "#[doc = include_str!({file:?})]\npub mod page_{module} {{}}\n"
        ));
    }
    write_if_changed(&out.join("pages.rs"), &modules);
}

/// Writes only when the content changed, so that an unchanged book does not rebuild the crate.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::create_dir_all(path.parent().unwrap()).expect("OUT_DIR is writable");
    std::fs::write(path, text).expect("OUT_DIR is writable");
}
