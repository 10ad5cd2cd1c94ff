//! The book's pages: their code blocks and their `{{#include}}` directives.

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
    pub span: std::ops::Range<usize>,
    /// Byte range of the body in the page text.
    pub body_span: std::ops::Range<usize>,
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

/// The fenced code blocks of a Markdown text, in order. An unclosed fence runs to the end.
pub fn code_blocks(text: &str) -> Vec<CodeBlock> {
    let mut blocks = Vec::new();
    let mut offset = 0;
    let mut open: Option<(usize, String, usize, String, Vec<String>, usize)> = None;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        let fence: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        let is_fence =
            fence.len() >= 3 && fence.chars().all(|c| c == fence.chars().next().unwrap());
        match &open {
            None if is_fence => {
                let info = trimmed[fence.len()..].trim();
                let mut words = info.split(',').map(|w| w.trim().to_string());
                let lang = words.next().unwrap_or_default();
                let attributes = words.filter(|w| !w.is_empty()).collect();
                open = Some((
                    index + 1,
                    fence,
                    offset,
                    lang,
                    attributes,
                    offset + line.len(),
                ));
            }
            Some((_, open_fence, ..))
                if is_fence
                    && trimmed.trim_end() == trimmed[..fence.len()].to_string()
                    && fence.starts_with(open_fence.as_str()) =>
            {
                let (line_no, _, start, lang, attributes, body_start) = open.take().unwrap();
                blocks.push(CodeBlock {
                    line: line_no,
                    lang,
                    attributes,
                    body: text[body_start..offset].to_string(),
                    span: start..offset + line.len(),
                    body_span: body_start..offset,
                });
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some((line_no, _, start, lang, attributes, body_start)) = open {
        blocks.push(CodeBlock {
            line: line_no,
            lang,
            attributes,
            body: text[body_start..].to_string(),
            span: start..text.len(),
            body_span: body_start..text.len(),
        });
    }
    blocks
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
/// code written on the page, which rustdoc compiles and runs as a doctest.
pub fn doctest_markdown(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut copied = 0;
    for block in code_blocks(text) {
        let untested_elsewhere = block.is_rust() && !block.is_include_only();
        if untested_elsewhere || !(block.is_rust() || block.lang.is_empty()) {
            continue;
        }
        result.push_str(&text[copied..block.span.start]);
        result.push_str("```text\n");
        let body = &text[block.body_span.clone()];
        if block.is_include_only() {
            // Blank lines in place of the directives keep line numbers equal to the page's, so
            // that rustdoc's "line N" points at the right place in src/.
            result.push_str(&"\n".repeat(body.lines().count()));
        } else {
            result.push_str(body);
        }
        result.push_str("```\n");
        copied = block.span.end;
    }
    result.push_str(&text[copied..]);
    result
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
}
