//! The appendices promise only what the book backs: every link in the cheat sheet's and the
//! glossary's tables leads to a page of the book and a heading (or id) on it, and every Rust
//! item the cheat sheet names is used by some listing, exercise, solution or ```rust block of
//! a page. The links are checked on the HTML mdBook renders, with the same parser as the book
//! check, so an anchor is exactly the id a browser would look for.

use course::pages;
use course_book::check::PageLinks;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

const CHEAT_SHEET: &str = "appendix-01-cheat-sheet.md";
const GLOSSARY: &str = "appendix-02-glossary.md";

/// The column of a cheat-sheet row that names Rust items.
const RUST_COLUMN: usize = 1;

/// Words of Rust syntax, which name no item.
const KEYWORDS: [&str; 38] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while",
];

#[test]
fn every_appendix_link_leads_to_a_page_and_heading_and_every_rust_item_is_used() {
    let root = course::workspace_root();
    let out = root.join("target").join("book-appendices");
    let _ = std::fs::remove_dir_all(&out);
    course_book::build(&root, &out).expect("the book builds");
    let book = RenderedBook::read(&root, &out);
    let corpus = rust_identifiers_of_the_course(&root);

    let mut problems = Vec::new();
    for (page, check_items) in [(CHEAT_SHEET, true), (GLOSSARY, false)] {
        let text = course::read(&root.join("src").join(page)).expect("the appendix exists");
        assert!(
            !table_rows(&text).is_empty(),
            "src/{page} has no table rows: the check would pass on nothing"
        );
        let items = check_items.then_some(&corpus);
        problems.extend(table_problems(page, &text, &book, items));
    }
    assert!(
        problems.is_empty(),
        "the appendices name what the book does not have:\n  {}",
        problems.join("\n  ")
    );
}

/// What a link may point at: each page of SUMMARY.md and the ids on its rendered HTML.
struct RenderedBook {
    targets: BTreeMap<String, BTreeSet<String>>,
}

impl RenderedBook {
    fn read(root: &Path, out: &Path) -> Self {
        let summary = course::read(&root.join("src/SUMMARY.md")).expect("SUMMARY.md");
        let targets = pages::summary_links(&summary)
            .into_iter()
            .filter_map(|page| {
                let html = out.join(page.strip_suffix(".md")?).with_extension("html");
                let text = std::fs::read_to_string(html).ok()?;
                Some((page, PageLinks::parse(&text).targets))
            })
            .collect();
        RenderedBook { targets }
    }
}

/// One line per problem of the tables of `page`: a row without a link in its last column, a
/// link to a page the book does not render, a fragment no element of that page has as its
/// id, and (when `items` is given) an identifier of the Rust column that no code uses.
fn table_problems(
    page: &str,
    text: &str,
    book: &RenderedBook,
    items: Option<&HashSet<String>>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (line, cells) in table_rows(text) {
        let at = format!("src/{page}:{line}");
        let Some(last) = cells.last() else { continue };
        let links = markdown_links(last);
        if links.is_empty() {
            problems.push(format!("{at}: the row links no page that shows it"));
        }
        for link in links {
            let (target, fragment) = link.split_once('#').unwrap_or((link.as_str(), ""));
            let Some(ids) = book.targets.get(target) else {
                problems.push(format!(
                    "{at}: links {target}, which is not a page of SUMMARY.md"
                ));
                continue;
            };
            if !fragment.is_empty() && !ids.contains(fragment) {
                problems.push(format!(
                    "{at}: links {link}, but {target} has no heading with the id `{fragment}`"
                ));
            }
        }
        let (Some(items), Some(rust)) = (items, cells.get(RUST_COLUMN)) else {
            continue;
        };
        for span in code_spans(rust) {
            for word in identifiers(&span) {
                if !KEYWORDS.contains(&word.as_str()) && !items.contains(&word) {
                    problems.push(format!(
                        "{at}: `{span}` names `{word}`, which no listing, exercise, solution \
                         or snippet of the course uses"
                    ));
                }
            }
        }
    }
    problems
}

/// The body rows of every Markdown table of a text: (1-based line, cells), without the header
/// row and the `|---|` separator.
fn table_rows(text: &str) -> Vec<(usize, Vec<String>)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut rows = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let is_row = line.trim_start().starts_with('|');
        let is_separator = |l: &str| l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
        let is_header = lines
            .get(index + 1)
            .is_some_and(|next| next.trim_start().starts_with('|') && is_separator(next.trim()));
        if !is_row || is_separator(line.trim()) || is_header {
            continue;
        }
        let cells = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(|cell| cell.trim().to_string())
            .collect();
        rows.push((index + 1, cells));
    }
    rows
}

/// The targets of the `[text](target)` links of a cell.
fn markdown_links(cell: &str) -> Vec<String> {
    cell.split("](")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once(')')
                .map(|(target, _)| target.trim().to_string())
        })
        .collect()
}

/// The contents of the `` `code` `` spans of a cell.
fn code_spans(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The identifiers of a piece of Rust code (`tokio::spawn(future)` → tokio, spawn, future),
/// string literals left out (a route's `"/orders/{id}"` names no item).
fn identifiers(code: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_string = false;
    for c in code.chars().chain([' ']) {
        if c == '"' {
            in_string = !in_string;
        }
        if in_string {
            continue;
        }
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else if !word.is_empty() {
            if !word.starts_with(|c: char| c.is_ascii_digit()) {
                words.push(word.clone());
            }
            word.clear();
        }
    }
    words
}

/// Every identifier in the course's Rust code: the `.rs` files of listings, exercises and
/// solutions, and the ```rust blocks written on pages (the appendices left out).
fn rust_identifiers_of_the_course(root: &Path) -> HashSet<String> {
    let mut found = HashSet::new();
    let mut folders: Vec<_> = ["listings", "exercises", "solutions"]
        .iter()
        .map(|folder| root.join(folder))
        .collect();
    while let Some(path) = folders.pop() {
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name == "target") {
                continue;
            }
            for entry in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                folders.push(entry.path());
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            found.extend(identifiers(&text));
        }
    }
    for page in pages::pages(root) {
        if [CHEAT_SHEET, GLOSSARY].contains(&page.name.as_str()) {
            continue;
        }
        for block in pages::code_blocks(&page.text) {
            if block.is_rust() && !block.is_include_only() {
                found.extend(identifiers(&block.body));
            }
        }
    }
    found
}

/// The check itself fails on each kind of mistake a row can make.
#[test]
fn a_missing_page_heading_or_rust_item_is_reported() {
    let book = RenderedBook {
        targets: [(
            "ch04-02-spawn.md".to_string(),
            ["the-rust-way".to_string()].into(),
        )]
        .into(),
    };
    let items: HashSet<String> = ["tokio", "spawn", "JoinHandle", "get", "handler"]
        .map(String::from)
        .into();
    let page = "# Cheat sheet\n\n\
        | Python | Rust | Shown in |\n\
        |---|---|---|\n\
        | `create_task` | `tokio::spawn(future)` | [4.2](ch04-02-spawn.md#the-rust-way) |\n\
        | `gather` | `tokio::gather_all` | [4.2](ch04-02-spawn.md#gather) |\n\
        | `Queue` | `JoinHandle` | [4.9](ch04-09-queues.md) |\n\
        | `Event` | `JoinHandle` | nowhere |\n\
        | `@app.get(\"/x\")` | `get(handler)` with `\"/orders/{id}\"` | [4.2](ch04-02-spawn.md) |\n";
    let problems = table_problems("cheat.md", page, &book, Some(&items));
    assert_eq!(
        problems,
        [
            "src/cheat.md:5: `tokio::spawn(future)` names `future`, which no listing, \
             exercise, solution or snippet of the course uses",
            "src/cheat.md:6: links ch04-02-spawn.md#gather, but ch04-02-spawn.md has no \
             heading with the id `gather`",
            "src/cheat.md:6: `tokio::gather_all` names `gather_all`, which no listing, \
             exercise, solution or snippet of the course uses",
            "src/cheat.md:7: links ch04-09-queues.md, which is not a page of SUMMARY.md",
            "src/cheat.md:8: the row links no page that shows it",
        ]
    );
}
