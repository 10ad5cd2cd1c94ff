//! The book's pages: their code blocks and their `{{#include}}` directives.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// A Markdown page under `src/`.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to `src/`, with `/` separators (`ch01-00-threads-and-tasks.md`).
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

/// Every `.md` file under `root/src`, sorted by name.
pub fn pages(root: &Path) -> Vec<Page> {
    let src = root.join("src");
    let mut found = Vec::new();
    collect_markdown(&src, &mut found);
    found.sort();
    found
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
            let name = path
                .strip_prefix(&src)
                .expect("found under src")
                .to_string_lossy()
                .replace('\\', "/");
            Page { name, path, text }
        })
        .collect()
}

fn collect_markdown(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect_markdown(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "md") {
            found.push(path);
        }
    }
}

/// A fenced code block (```` ``` ```` or `~~~`) of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// 1-based line of the opening fence.
    pub line: usize,
    /// The first word of the info string (`rust`, `text`, `python`, …); empty when there is none.
    pub lang: String,
    /// The other comma-separated words of the info string (`compile_fail`, `no_run`, …).
    pub attributes: Vec<String>,
    /// The lines between the fences, each ending with `\n`.
    pub body: String,
    /// Byte range of the whole block (both fences included) in the page text.
    pub span: Range<usize>,
    /// Byte range of the body in the page text.
    pub body_span: Range<usize>,
}

impl CodeBlock {
    pub fn has_attribute(&self, attribute: &str) -> bool {
        self.attributes.iter().any(|a| a == attribute)
    }

    pub fn is_rust(&self) -> bool {
        self.lang == "rust"
    }

    /// The `{{#include}}` directives of the body.
    pub fn includes(&self) -> Vec<Include> {
        includes(&self.body)
    }

    /// True when every non-blank line of the body is an include directive.
    pub fn is_include_only(&self) -> bool {
        let mut lines = self
            .body
            .lines()
            .filter(|line| !line.trim().is_empty())
            .peekable();
        lines.peek().is_some() && lines.all(|line| parse_include(line.trim()).is_some())
    }
}

/// The fenced code blocks of a Markdown text, in order, as CommonMark (and so mdBook and
/// rustdoc) sees them: a fence inside another block's body is text, a fence may be indented or
/// sit in a list item, and an unclosed fence runs to the end of its container.
pub fn code_blocks(text: &str) -> Vec<CodeBlock> {
    use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
    let mut blocks = Vec::new();
    // The block being read: its opening event's fields, then its text as it comes.
    let mut open: Option<CodeBlock> = None;
    let parser = pulldown_cmark::Parser::new_ext(text, markdown_options());
    for (event, range) in parser.into_offset_iter() {
        match (event, open.as_mut()) {
            (Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))), None) => {
                // The block's lines end with their newlines, the closing fence's too.
                let ends_line = text[range.end..].starts_with('\n');
                let range = range.start..range.end + usize::from(ends_line);
                let mut words = info_words(&info).into_iter();
                // Until some text comes, the body is empty and starts after the opening fence.
                let after_fence = text[range.clone()]
                    .find('\n')
                    .map_or(range.end, |at| range.start + at + 1);
                open = Some(CodeBlock {
                    line: text[..range.start].matches('\n').count() + 1,
                    lang: words.next().unwrap_or_default(),
                    attributes: words.collect(),
                    body: String::new(),
                    span: range,
                    body_span: after_fence..after_fence,
                });
            }
            (Event::Text(code), Some(block)) => {
                if block.body.is_empty() {
                    block.body_span.start = range.start;
                }
                block.body.push_str(&code);
                block.body_span.end = range.end;
            }
            (Event::End(TagEnd::CodeBlock), Some(_)) => blocks.extend(open.take()),
            _ => {}
        }
    }
    blocks
}

/// The Markdown extensions mdBook turns on: a code block in a footnote or a definition list is
/// found where mdBook renders one.
fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// The words of an info string, split as rustdoc splits them (commas and spaces), so that
/// ```` ```rust ignore ```` is seen as the `ignore` block rustdoc sees.
fn info_words(info: &str) -> Vec<String> {
    info.split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

/// Which mdBook directive an include uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncludeKind {
    /// `{{#include …}}`: the selected lines only.
    Include,
    /// `{{#rustdoc_include …}}`: the whole file, lines outside the anchor hidden.
    RustdocInclude,
}

/// One `{{#include path[:anchor]}}` directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    pub kind: IncludeKind,
    /// The path as written, relative to the page's folder.
    pub path: String,
    /// What follows the path: an anchor name or a line range, when given.
    pub selector: Option<String>,
}

impl Include {
    /// The anchor name, when the selector is one (not a line range).
    pub fn anchor(&self) -> Option<&str> {
        let selector = self.selector.as_deref()?;
        let is_range = selector.chars().all(|c| c.is_ascii_digit() || c == ':');
        (!is_range).then_some(selector)
    }

    /// The included file, resolved against the page that contains the directive.
    pub fn resolve(&self, page: &Path) -> PathBuf {
        page.parent().unwrap_or(Path::new(".")).join(&self.path)
    }
}

/// Every include directive in a text.
pub fn includes(text: &str) -> Vec<Include> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{#") {
        let after = &rest[start..];
        let Some(end) = after.find("}}") else { break };
        if let Some(include) = parse_include(&after[..end + 2]) {
            found.push(include);
        }
        rest = &after[end + 2..];
    }
    found
}

fn parse_include(directive: &str) -> Option<Include> {
    let inner = directive.strip_prefix("{{#")?.strip_suffix("}}")?.trim();
    let (kind, argument) = if let Some(argument) = inner.strip_prefix("rustdoc_include ") {
        (IncludeKind::RustdocInclude, argument)
    } else if let Some(argument) = inner.strip_prefix("include ") {
        (IncludeKind::Include, argument)
    } else {
        return None;
    };
    let argument = argument.trim();
    let (path, selector) = match argument.split_once(':') {
        Some((path, selector)) => (path, Some(selector.to_string())),
        None => (argument, None),
    };
    Some(Include {
        kind,
        path: path.to_string(),
        selector,
    })
}

/// The anchors (`ANCHOR: name` … `ANCHOR_END: name`) that a file defines completely.
pub fn anchors(file_text: &str) -> Vec<String> {
    let mut opened = Vec::new();
    let mut closed = Vec::new();
    for line in file_text.lines() {
        if let Some(name) = anchor_name(line, "ANCHOR:") {
            opened.push(name);
        } else if let Some(name) = anchor_name(line, "ANCHOR_END:") {
            closed.push(name);
        }
    }
    opened.retain(|name| closed.contains(name));
    opened
}

fn anchor_name(line: &str, marker: &str) -> Option<String> {
    let at = line.find(marker)?;
    let name = line[at + marker.len()..].trim();
    let name: String = name
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The pages linked from `SUMMARY.md` (draft chapters, with an empty link, are skipped).
pub fn summary_links(summary: &str) -> Vec<String> {
    let mut links = Vec::new();
    for line in summary.lines() {
        let mut rest = line;
        while let Some(start) = rest.find("](") {
            let after = &rest[start + 2..];
            let Some(end) = after.find(')') else { break };
            let target = after[..end].trim();
            if !target.is_empty() {
                links.push(target.trim_start_matches("./").to_string());
            }
            rest = &after[end..];
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Intro\n\n```rust\n{{#rustdoc_include ../listings/ch01/listing-01-01/src/main.rs:spawn}}\n```\n\n```rust,compile_fail\nfn main() {}\n```\n\n````text\n```rust\nnot a block\n```\n````\n";

    #[test]
    fn finds_blocks_and_their_attributes() {
        let blocks = code_blocks(PAGE);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].lang, "rust");
        assert!(blocks[0].is_include_only());
        assert_eq!(blocks[1].attributes, vec!["compile_fail"]);
        assert_eq!(blocks[1].body, "fn main() {}\n");
        assert_eq!(blocks[1].line, 7);
        assert_eq!(blocks[2].lang, "text");
        assert!(blocks[2].body.contains("not a block"));
        assert_eq!(
            &PAGE[blocks[1].span.clone()],
            "```rust,compile_fail\nfn main() {}\n```\n"
        );
    }

    #[test]
    fn finds_fences_as_commonmark_does() {
        let page = "1. Run it:\n\n   ```rust,no_run\n   fn main() {}\n   ```\n\n> ~~~text\n> quoted\n> ~~~\n\n    ```rust\n    indented code, not a fence\n    ```\n\n```rust ignore\nfn open() {}\n";
        let blocks = code_blocks(page);
        let langs: Vec<_> = blocks.iter().map(|b| b.lang.as_str()).collect();
        assert_eq!(langs, ["rust", "text", "rust"]);
        assert_eq!(blocks[0].line, 3);
        assert_eq!(blocks[0].body, "fn main() {}\n");
        assert_eq!(&page[blocks[0].body_span.clone()], "fn main() {}\n");
        assert_eq!(blocks[1].body, "quoted\n");
        assert_eq!(blocks[1].line, 7);
        // Words split as rustdoc splits them, and an unclosed fence runs to the end.
        assert_eq!(blocks[2].attributes, ["ignore"]);
        assert_eq!(blocks[2].body, "fn open() {}\n");
        assert_eq!(blocks[2].span.end, page.len());
    }

    #[test]
    fn an_empty_block_has_an_empty_body_after_its_fence() {
        let page = "```rust\n```\n";
        let block = &code_blocks(page)[0];
        assert_eq!(block.body, "");
        assert_eq!(block.body_span, 8..8);
        assert_eq!(block.span, 0..page.len());
    }

    #[test]
    fn parses_include_directives() {
        let found = includes(PAGE);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, IncludeKind::RustdocInclude);
        assert_eq!(found[0].path, "../listings/ch01/listing-01-01/src/main.rs");
        assert_eq!(found[0].anchor(), Some("spawn"));
        let ranged = includes("{{#include file.rs:3:7}}");
        assert_eq!(ranged[0].anchor(), None);
    }

    #[test]
    fn finds_complete_anchors_only() {
        let file = "// ANCHOR: all\n// ANCHOR: spawn\nx\n// ANCHOR_END: spawn\n// ANCHOR: open\n";
        assert_eq!(anchors(file), vec!["spawn".to_string()]);
    }

    #[test]
    fn reads_summary_links() {
        let summary = "# Summary\n[Intro](introduction.md)\n- [One](./ch01.md)\n- [Later]()\n";
        assert_eq!(summary_links(summary), vec!["introduction.md", "ch01.md"]);
    }
}

/// How the test command checks a ```` ```rust ```` block of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RustBlock {
    /// Code written on the page: compiled and run as a doctest by `tools/inline-snippets`.
    Inline,
    /// Only includes of files of workspace crates (listings, exercises, solutions): compiled
    /// and tested with their crate.
    Included,
    /// Only includes of compile-fail cases: trybuild checks that they fail with the pinned
    /// message.
    CompileFail,
}

/// The folders whose files a ```` ```rust ```` block may include: each is made of workspace
/// crates, so whatever is included is compiled by `cargo test`.
pub const INCLUDABLE_DIRS: [&str; 3] = ["listings", "exercises", "solutions"];

/// Decides how a block is checked, or why it cannot be. Returns `Ok(None)` for blocks that are
/// not Rust (```` ```text ````, ```` ```console ````, ```` ```python ````, …).
pub fn classify(block: &CodeBlock, page: &Path, root: &Path) -> Result<Option<RustBlock>, String> {
    if block.lang.is_empty() {
        return Err(
            "a code block needs a language: ```rust, ```text, ```console, ```python, …".into(),
        );
    }
    if !block.is_rust() {
        return Ok(None);
    }
    if block.has_attribute("ignore") {
        return Err("`ignore` leaves the code untested; make it compile (use `no_run` if it must not run), or make it a compile-fail case".into());
    }
    let compile_fail = block.has_attribute("compile_fail");
    if !block.is_include_only() {
        if !block.includes().is_empty() {
            return Err("a block either includes files or is written inline, not both".into());
        }
        if compile_fail {
            return Err(format!(
                "an inline compile_fail block does not pin the compiler's message: move the code to {}/cases/ (a trybuild case) and include it",
                crate::listings::COMPILE_FAIL_DIR
            ));
        }
        return Ok(Some(RustBlock::Inline));
    }
    let cases = root.join(crate::listings::COMPILE_FAIL_DIR).join("cases");
    for include in block.includes() {
        let file = include.resolve(page);
        let file = file
            .canonicalize()
            .map_err(|_| format!("included file {} does not exist", include.path))?;
        let is_case = file.starts_with(&cases);
        if compile_fail && !is_case {
            return Err(format!(
                "a compile_fail block must include a trybuild case from {}; {} is not one",
                cases.display(),
                include.path
            ));
        }
        if !compile_fail && is_case {
            return Err(format!(
                "{} is a compile-fail case: mark the block ```rust,compile_fail",
                include.path
            ));
        }
        let in_crate = INCLUDABLE_DIRS
            .iter()
            .any(|dir| file.starts_with(root.join(dir)));
        if !in_crate {
            return Err(format!(
                "{} is not part of a workspace crate (listings/, exercises/, solutions/), so nothing compiles it",
                include.path
            ));
        }
    }
    Ok(Some(if compile_fail {
        RustBlock::CompileFail
    } else {
        RustBlock::Included
    }))
}

/// The page as rustdoc should see it: blocks that only include workspace files become
/// ```` ```text ```` (their crates test them), so every remaining ```` ```rust ```` block is
/// code written on the page, which rustdoc compiles and runs as a doctest. Only info strings and
/// included bodies change, and every line stays where it was, so that rustdoc's "line N" is the
/// page's line N.
pub fn doctest_markdown(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut copied = 0;
    for block in code_blocks(text) {
        let written_on_page = block.is_rust() && !block.is_include_only();
        if written_on_page || !(block.is_rust() || block.lang.is_empty()) {
            continue;
        }
        let info = info_span(text, &block);
        result.push_str(&text[copied..info.start]);
        result.push_str("text");
        result.push_str(&text[info.end..block.body_span.start]);
        let body = &text[block.body_span.clone()];
        if block.is_include_only() {
            // The directives go and their lines stay (with a list item's indentation or a
            // quote's `>`), so that the lines after them keep their numbers.
            result.push_str(&without_includes(body));
        } else {
            result.push_str(body);
        }
        copied = block.body_span.end;
    }
    result.push_str(&text[copied..]);
    result
}

/// The text with its include directives taken out.
fn without_includes(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{#") {
        let after = &rest[start..];
        let Some(end) = after.find("}}") else { break };
        let directive = &after[..end + 2];
        kept.push_str(&rest[..start]);
        if parse_include(directive).is_none() {
            kept.push_str(directive);
        }
        rest = &after[end + 2..];
    }
    kept.push_str(rest);
    kept
}

/// The byte range of a block's info string (`rust,no_run` in ```` ```rust,no_run ````), after
/// the opening fence and up to the end of its line.
fn info_span(text: &str, block: &CodeBlock) -> Range<usize> {
    let opening = &text[block.span.clone()];
    let line = opening.lines().next().unwrap_or_default();
    let fence = line.trim_start();
    let fence_char = fence.chars().next().unwrap_or('`');
    let info = fence.trim_start_matches(fence_char);
    let start = block.span.start + (line.len() - info.len());
    start..block.span.start + line.len()
}

#[cfg(test)]
mod doctest_tests {
    use super::*;

    #[test]
    fn included_blocks_become_text_and_inline_ones_stay() {
        let page = "a\n```rust\n{{#include x.rs}}\n```\nb\n```rust,no_run\nfn main() {}\n```\n```\nplain\n```\n";
        let processed = doctest_markdown(page);
        assert_eq!(
            processed,
            "a\n```text\n\n```\nb\n```rust,no_run\nfn main() {}\n```\n```text\nplain\n```\n"
        );
    }

    #[test]
    fn fences_keep_their_length_and_indentation() {
        let page = "- Step:\n\n  ````rust\n  {{#include x.rs}}\n  {{#include y.rs}}\n  ````\n\n> ```rust\n> {{#include z.rs}}\n> ```\n";
        assert_eq!(
            doctest_markdown(page),
            "- Step:\n\n  ````text\n  \n  \n  ````\n\n> ```text\n> \n> ```\n"
        );
    }

    #[test]
    fn every_page_keeps_its_line_numbers() {
        for page in pages(&crate::workspace_root()) {
            let processed = doctest_markdown(&page.text);
            assert_eq!(
                processed.lines().count(),
                page.text.lines().count(),
                "{}",
                page.name
            );
            let before = code_blocks(&page.text);
            let after = code_blocks(&processed);
            assert_eq!(before.len(), after.len(), "{}", page.name);
            for (old, new) in before.iter().zip(&after) {
                assert_eq!(old.line, new.line, "{}", page.name);
                if new.is_rust() {
                    assert_eq!(old.body, new.body, "{}:{}", page.name, old.line);
                }
            }
        }
    }
}
