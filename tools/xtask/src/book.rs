//! Building the book with mdBook (as a library) and checking what it produced.

use course::pages::{self, RustBlock};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the HTML (default: book/ in the repository)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `cargo xtask book`: writes the book as static HTML and checks it.
pub fn run(workspace: &crate::Workspace, args: Args) -> anyhow::Result<()> {
    let root = &workspace.root;
    let out = match args.out {
        None => root.join("book"),
        Some(dir) => std::env::current_dir()?.join(dir),
    };
    build(root, &out)?;
    let problems = check_built_book(root, &out);
    if !problems.is_empty() {
        anyhow::bail!("the book has problems:\n  {}", problems.join("\n  "));
    }
    println!(
        "The book is in {}: open {} in a browser.",
        out.display(),
        out.join("index.html").display()
    );
    Ok(())
}

/// Renders the book into `out` (HTML).
pub fn build(root: &Path, out: &Path) -> anyhow::Result<()> {
    let mut book = mdbook_driver::MDBook::load(root)
        .map_err(|e| anyhow::anyhow!("mdBook cannot load the book: {e:#}"))?;
    book.config.build.build_dir = out.to_path_buf();
    book.with_preprocessor(crate::preprocess::CoursePreprocessor {
        root: root.to_path_buf(),
    });
    book.build()
        .map_err(|e| anyhow::anyhow!("mdBook cannot build the book: {e:#}"))
}

/// Everything wrong with the sources and the rendered book, one line each.
pub fn check_built_book(root: &Path, out: &Path) -> Vec<String> {
    let mut problems = check_sources(root);
    problems.extend(check_html(out));
    problems
}

/// Problems visible in the Markdown sources: includes, anchors, SUMMARY.md, code blocks.
pub fn check_sources(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let all = pages::pages(root);
    let summary = all
        .iter()
        .find(|p| p.name == "SUMMARY.md")
        .map(|p| pages::summary_links(&p.text))
        .unwrap_or_default();
    for page in &all {
        if page.name != "SUMMARY.md" && !summary.contains(&page.name) {
            problems.push(format!("src/{} is not listed in src/SUMMARY.md", page.name));
        }
        for include in pages::includes(&page.text) {
            let file = include.resolve(&page.path);
            let Ok(text) = std::fs::read_to_string(&file) else {
                problems.push(format!(
                    "src/{}: includes {}, which does not exist",
                    page.name, include.path
                ));
                continue;
            };
            if let Some(anchor) = include.anchor()
                && !pages::anchors(&text).iter().any(|a| a == anchor)
            {
                problems.push(format!(
                    "src/{}: {} has no anchor `{anchor}` (ANCHOR: {anchor} … ANCHOR_END: {anchor})",
                    page.name, include.path
                ));
            }
        }
        for block in pages::code_blocks(&page.text) {
            if let Err(problem) = pages::classify(&block, &page.path, root) {
                problems.push(format!("src/{}:{}: {problem}", page.name, block.line));
            }
        }
    }
    for link in &summary {
        if !root.join("src").join(link).is_file() {
            problems.push(format!(
                "src/SUMMARY.md links to {link}, which does not exist"
            ));
        }
    }
    problems
}

/// Problems visible in the rendered HTML: broken local links and fragments, directives mdBook
/// left unexpanded, anchor comments that leaked onto a page.
pub fn check_html(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut html_files = Vec::new();
    collect(out, "html", &mut html_files);
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for file in &html_files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        ids.insert(
            file.clone(),
            attribute_values(&text, "id").into_iter().collect(),
        );
    }
    for file in &html_files {
        let name = file.strip_prefix(out).unwrap_or(file).display().to_string();
        // print.html repeats every page and 404.html is served from any folder: links in them
        // are checked where they first appear.
        if name == "print.html" || name == "404.html" || name == "toc.html" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        if text.contains("{{#") {
            problems.push(format!("{name}: an mdBook directive was left unexpanded"));
        }
        if text.contains("ANCHOR:") || text.contains("ANCHOR_END:") {
            problems.push(format!("{name}: an ANCHOR comment leaked onto the page"));
        }
        let links = attribute_values(&text, "href")
            .into_iter()
            .chain(attribute_values(&text, "src"));
        for link in links {
            if let Some(problem) = check_link(out, file, &link, &ids) {
                problems.push(format!("{name}: {problem}"));
            }
        }
    }
    problems
}

fn check_link(
    out: &Path,
    from: &Path,
    link: &str,
    ids: &BTreeMap<PathBuf, BTreeSet<String>>,
) -> Option<String> {
    let external = [
        "http://",
        "https://",
        "mailto:",
        "javascript:",
        "data:",
        "//",
    ];
    if link.is_empty() || external.iter().any(|p| link.starts_with(p)) {
        return None;
    }
    let link = link.split('?').next().unwrap_or(link);
    let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
    let target = if path.is_empty() {
        from.to_path_buf()
    } else if let Some(absolute) = path.strip_prefix('/') {
        out.join(absolute)
    } else {
        from.parent().unwrap().join(path)
    };
    let target = normalize(&target);
    let target = if target.is_dir() {
        target.join("index.html")
    } else {
        target
    };
    if !target.exists() {
        return Some(format!("broken link `{link}`"));
    }
    let is_html = target.extension().is_some_and(|e| e == "html");
    if !fragment.is_empty()
        && is_html
        && !ids.get(&target).is_some_and(|set| set.contains(fragment))
    {
        return Some(format!("link `{link}` points at a missing heading or id"));
    }
    None
}

/// Resolves `.` and `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut result = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                result.pop();
            }
            std::path::Component::CurDir => {}
            other => result.push(other),
        }
    }
    result
}

/// The values of `name="…"` attributes in an HTML text.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| decode(&rest[..end]))
        })
        .collect()
}

fn decode(value: &str) -> String {
    value.replace("&amp;", "&").replace("%20", " ")
}

fn collect(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, extension, found);
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
}

/// What the book holds, counted for the test command's summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inventory {
    pub listings: usize,
    pub inline_blocks: usize,
    pub included_blocks: usize,
    pub compile_fail_cases: usize,
    pub compile_fail_blocks: usize,
    pub exercises: usize,
}

pub fn inventory(root: &Path) -> anyhow::Result<Inventory> {
    let mut inventory = Inventory {
        listings: course::listings::listings(root).len(),
        compile_fail_cases: course::listings::compile_fail_cases(root).len(),
        exercises: course::exercises::exercises(root)?.len(),
        ..Inventory::default()
    };
    for page in pages::pages(root) {
        for block in pages::code_blocks(&page.text) {
            match pages::classify(&block, &page.path, root) {
                Ok(Some(RustBlock::Inline)) => inventory.inline_blocks += 1,
                Ok(Some(RustBlock::Included)) => inventory.included_blocks += 1,
                Ok(Some(RustBlock::CompileFail)) => inventory.compile_fail_blocks += 1,
                Ok(None) | Err(_) => {}
            }
        }
    }
    Ok(inventory)
}
