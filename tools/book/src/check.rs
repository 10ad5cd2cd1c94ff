//! Checking the book: its Markdown sources (includes, anchors, SUMMARY.md, code blocks) and the
//! HTML mdBook made of them (links and fragments, read as a browser reads them).

use course::pages;
use percent_encoding::percent_decode_str;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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
        // 404.md is the page a server sends for a missing file, never a chapter.
        if !["SUMMARY.md", "404.md"].contains(&page.name.as_str()) && !summary.contains(&page.name)
        {
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
    let mut files = Vec::new();
    collect(out, &mut files);
    files.sort();
    let mut site = Site::default();
    let mut pages = Vec::new();
    for file in &files {
        let name = file
            .strip_prefix(out)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        if file.extension().is_some_and(|e| e == "html") {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            site.add_page(&name, &text);
            pages.push((name, text));
        } else {
            site.add_file(&name);
        }
    }
    let mut problems = Vec::new();
    for (name, text) in &pages {
        // print.html repeats every page and 404.html is served from any folder: links in them
        // are checked where they first appear.
        if ["print.html", "404.html", "toc.html"].contains(&name.as_str()) {
            continue;
        }
        if text.contains("{{#") {
            problems.push(format!("{name}: an mdBook directive was left unexpanded"));
        }
        if text.contains("ANCHOR:") || text.contains("ANCHOR_END:") {
            problems.push(format!("{name}: an ANCHOR comment leaked onto the page"));
        }
        problems.extend(
            site.broken_links(name)
                .into_iter()
                .map(|problem| format!("{name}: {problem}")),
        );
        problems.extend(
            playground_problems(text)
                .into_iter()
                .map(|problem| format!("{name}: {problem}")),
        );
    }
    problems
}

/// The code of every block with a Run button (`<pre class="playground">`), as mdBook sends it to
/// the playground: hidden lines included, tags removed, entities decoded.
pub fn playground_blocks(html: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<pre class=\"playground\">") {
        rest = &rest[start..];
        let Some(end) = rest.find("</pre>") else {
            break;
        };
        let mut code = String::new();
        let mut in_tag = false;
        for c in rest[..end].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => code.push(c),
                _ => {}
            }
        }
        blocks.push(
            code.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&"),
        );
        rest = &rest[end..];
    }
    blocks
}

/// The crates a block's code names (`name::…`, `use name`, `extern crate name`) that are
/// neither the standard library, nor a crate the playground offers, nor a primitive type or a
/// module the code declares. Code under `#[cfg(test)]` is left out: Run builds the program,
/// not its tests.
pub fn foreign_crates(code: &str) -> BTreeSet<String> {
    const KNOWN: [&str; 20] = [
        "std", "core", "alloc", "crate", "self", "super", "u8", "u16", "u32", "u64", "u128",
        "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64",
    ];
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    // Comments may say anything; code after `//` on a line is not code.
    let code: String = code
        .lines()
        .map(|line| line.find("//").map_or(line, |i| &line[..i]))
        .collect::<Vec<_>>()
        .join("\n");
    let code = code.as_str();
    // Modules the code declares, and every name a `use` brings in (`use tokio::sync::mpsc;`
    // makes `mpsc::Sender` local).
    let mut declared: BTreeSet<&str> = code
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|pair| pair[0] == "mod")
        .map(|pair| pair[1].trim_end_matches(['{', ';']))
        .collect();
    for statement in code.split("use ").skip(1) {
        let statement = statement.split(';').next().unwrap_or_default();
        declared.extend(
            statement
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|name| !name.is_empty())
                .skip(1),
        );
    }
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("::") {
        let before = &code[..at];
        let root_start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let root = &before[root_start..];
        // `a::b::c` names its crate once, at `a`; `.sum::<u64>()` is a method, not a path.
        let preceded_by = before[..root_start].chars().next_back();
        if root.is_empty() || matches!(preceded_by, Some(':' | '.')) {
            continue;
        }
        if root.starts_with(|c: char| c.is_ascii_lowercase())
            && !KNOWN.contains(&root)
            && !["bool", "char", "str"].contains(&root)
            && !course::playground::PLAYGROUND_CRATES.contains(&root)
            && !declared.contains(root)
        {
            found.insert(root.to_string());
        }
    }
    found
}

fn playground_problems(html: &str) -> Vec<String> {
    playground_blocks(html)
        .iter()
        .filter_map(|code| {
            let foreign = foreign_crates(code);
            (!foreign.is_empty()).then(|| {
                let first_line = code.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                format!(
                    "a block with a Run button uses {foreign:?}, which the playground does not \
                     have (it starts `{}`)",
                    first_line.trim()
                )
            })
        })
        .collect()
}

/// A rendered book as the link check sees it: its files, and for each HTML page what it links
/// to and which fragments it defines.
#[derive(Debug, Default)]
pub struct Site {
    /// Every file, by its path in the book's folder with `/` separators.
    files: BTreeSet<String>,
    pages: BTreeMap<String, PageLinks>,
}

impl Site {
    /// A file that is not a page (a stylesheet, a script, a font, an image).
    pub fn add_file(&mut self, name: &str) {
        self.files.insert(name.to_string());
    }

    /// A page, parsed as a browser parses it.
    pub fn add_page(&mut self, name: &str, html: &str) {
        self.files.insert(name.to_string());
        self.pages.insert(name.to_string(), PageLinks::parse(html));
    }

    /// The local links of a page that lead nowhere: a file that does not exist, or a fragment
    /// that no element of the target page has as its `id` (or, on `<a>`, its `name`).
    pub fn broken_links(&self, page: &str) -> Vec<String> {
        let Some(links) = self.pages.get(page) else {
            return vec![format!("{page} is not a page of the book")];
        };
        links
            .urls
            .iter()
            .filter_map(|url| self.check_url(page, url).err())
            .collect()
    }

    fn check_url(&self, page: &str, url: &str) -> Result<(), String> {
        let url = url.trim_matches(|c: char| c.is_ascii_whitespace());
        let Some(local) = LocalUrl::parse(url) else {
            return Ok(());
        };
        let target = self
            .resolve(page, local.path)
            .ok_or_else(|| format!("broken link `{url}`"))?;
        let Some(fragment) = local.fragment.filter(|f| !f.is_empty()) else {
            return Ok(());
        };
        let Some(target_page) = self.pages.get(&target) else {
            return Ok(());
        };
        // A browser looks for the fragment as written, then percent-decoded; `#top` is the
        // top of any page.
        let decoded = percent_decode_str(fragment).decode_utf8_lossy();
        let found = [fragment, decoded.as_ref()]
            .iter()
            .any(|candidate| target_page.targets.contains(*candidate))
            || decoded.eq_ignore_ascii_case("top");
        if found {
            Ok(())
        } else {
            Err(format!("link `{url}` points at a missing heading or id"))
        }
    }

    /// The file a link's percent-encoded path leads to from `page`, if the book has it (a
    /// folder leads to its `index.html`).
    fn resolve(&self, page: &str, encoded_path: &str) -> Option<String> {
        if encoded_path.is_empty() {
            return Some(page.to_string());
        }
        let path = percent_decode_str(encoded_path).decode_utf8().ok()?;
        let mut segments: Vec<&str> = Vec::new();
        if !path.starts_with('/') {
            segments.extend(page.split('/'));
            segments.pop();
        }
        for segment in path.split('/') {
            match segment {
                "" | "." => {}
                // Above the book's folder there is nothing the book can link to.
                ".." => {
                    segments.pop()?;
                }
                name => segments.push(name),
            }
        }
        let file = segments.join("/");
        let index = if file.is_empty() {
            "index.html".to_string()
        } else {
            format!("{file}/index.html")
        };
        let names_a_folder = path.ends_with('/') || file.is_empty();
        [file, index]
            .into_iter()
            .skip(usize::from(names_a_folder))
            .find(|candidate| self.files.contains(candidate))
    }
}

/// A URL that stays in the book: its path (still percent-encoded) and its fragment.
struct LocalUrl<'a> {
    path: &'a str,
    fragment: Option<&'a str>,
}

impl<'a> LocalUrl<'a> {
    /// `None` for a URL that leaves the book: one with a scheme (`https:`, `mailto:`, `data:`,
    /// …) or a host (`//example`).
    fn parse(url: &'a str) -> Option<Self> {
        let before_path_end = url.split(['/', '?', '#']).next().unwrap_or_default();
        let has_scheme = before_path_end.contains(':');
        if has_scheme || url.starts_with("//") {
            return None;
        }
        let (rest, fragment) = match url.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment)),
            None => (url, None),
        };
        let path = rest.split('?').next().unwrap_or_default();
        Some(LocalUrl { path, fragment })
    }
}

/// What one page defines and links to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageLinks {
    /// The fragments a link may point at: every `id`, and the `name` of every `<a>`.
    pub targets: BTreeSet<String>,
    /// Every `href` and `src` (and SVG's `xlink:href`), entities decoded, in page order.
    pub urls: Vec<String>,
}

impl PageLinks {
    /// Parses a page with html5ever, the HTML parser of mdBook and Servo, which reads markup as
    /// the HTML standard says browsers do (entities, unquoted attributes, raw text in
    /// `<script>` and `<style>`, comments).
    pub fn parse(html: &str) -> Self {
        use html5ever::tendril::TendrilSink;
        html5ever::parse_document(links_sink::Sink::default(), Default::default()).one(html)
    }
}

/// Keeps the attributes of every element the parser creates; the tree itself is not needed.
mod links_sink {
    use super::PageLinks;
    use html5ever::tendril::StrTendril;
    use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
    use html5ever::{Attribute, ExpandedName, QualName, local_name, ns};
    use std::borrow::Cow;
    use std::cell::RefCell;
    use std::rc::Rc;

    #[derive(Debug, Default)]
    pub struct Sink {
        links: RefCell<PageLinks>,
        document: Node,
    }

    /// A node of the document, as far as the tree builder asks about it.
    #[derive(Debug)]
    pub struct Node {
        name: QualName,
        /// A `<template>`'s contents, which the tree builder fills instead of the element.
        template_contents: Option<Rc<Node>>,
    }

    impl Default for Node {
        fn default() -> Self {
            Node {
                name: QualName::new(None, ns!(), local_name!("")),
                template_contents: None,
            }
        }
    }

    impl Sink {
        fn record(&self, element: &QualName, attributes: &[Attribute]) {
            let mut links = self.links.borrow_mut();
            for attribute in attributes {
                let name = &attribute.name;
                let value = attribute.value.to_string();
                let is_anchor_name = element.expanded() == html5ever::expanded_name!(html "a")
                    && name.local == local_name!("name");
                if name.ns == ns!() && (name.local == local_name!("id") || is_anchor_name) {
                    links.targets.insert(value);
                } else if (name.ns == ns!() || name.ns == ns!(xlink))
                    && (name.local == local_name!("href") || name.local == local_name!("src"))
                {
                    links.urls.push(value);
                }
            }
        }
    }

    impl TreeSink for Sink {
        type Handle = Rc<Node>;
        type Output = PageLinks;
        type ElemName<'a> = ExpandedName<'a>;

        fn finish(self) -> PageLinks {
            self.links.into_inner()
        }

        // A page that breaks HTML's rules is still read as a browser reads it.
        fn parse_error(&self, _message: Cow<'static, str>) {}

        fn get_document(&self) -> Rc<Node> {
            Rc::new(Node {
                name: self.document.name.clone(),
                template_contents: None,
            })
        }

        fn elem_name<'a>(&'a self, target: &'a Rc<Node>) -> ExpandedName<'a> {
            target.name.expanded()
        }

        fn create_element(
            &self,
            name: QualName,
            attributes: Vec<Attribute>,
            flags: ElementFlags,
        ) -> Rc<Node> {
            self.record(&name, &attributes);
            let template_contents = flags.template.then(|| Rc::new(Node::default()));
            Rc::new(Node {
                name,
                template_contents,
            })
        }

        fn create_comment(&self, _text: StrTendril) -> Rc<Node> {
            Rc::new(Node::default())
        }

        fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Rc<Node> {
            Rc::new(Node::default())
        }

        fn append(&self, _parent: &Rc<Node>, _child: NodeOrText<Rc<Node>>) {}

        fn append_based_on_parent_node(
            &self,
            _element: &Rc<Node>,
            _previous_element: &Rc<Node>,
            _child: NodeOrText<Rc<Node>>,
        ) {
        }

        fn append_doctype_to_document(
            &self,
            _name: StrTendril,
            _public_id: StrTendril,
            _system_id: StrTendril,
        ) {
        }

        fn get_template_contents(&self, target: &Rc<Node>) -> Rc<Node> {
            target
                .template_contents
                .clone()
                .unwrap_or_else(|| Rc::clone(target))
        }

        fn same_node(&self, x: &Rc<Node>, y: &Rc<Node>) -> bool {
            Rc::ptr_eq(x, y)
        }

        fn set_quirks_mode(&self, _mode: QuirksMode) {}

        fn append_before_sibling(&self, _sibling: &Rc<Node>, _new_node: NodeOrText<Rc<Node>>) {}

        /// A second `<html>` or `<body>` tag adds its attributes to the first element.
        fn add_attrs_if_missing(&self, target: &Rc<Node>, attributes: Vec<Attribute>) {
            self.record(&target.name, &attributes);
        }

        fn remove_from_parent(&self, _target: &Rc<Node>) {}

        fn reparent_children(&self, _node: &Rc<Node>, _new_parent: &Rc<Node>) {}
    }
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, found);
        } else {
            found.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pages: &[(&str, &str)], files: &[&str]) -> Site {
        let mut site = Site::default();
        for (name, html) in pages {
            site.add_page(name, html);
        }
        for file in files {
            site.add_file(file);
        }
        site
    }

    #[test]
    fn a_link_to_a_missing_file_is_broken() {
        let site = site(
            &[(
                "ch01.html",
                r#"<a href="ch02.html">next</a> <img src=figure.svg>"#,
            )],
            &[],
        );
        assert_eq!(
            site.broken_links("ch01.html"),
            ["broken link `ch02.html`", "broken link `figure.svg`"]
        );
    }

    #[test]
    fn a_fragment_must_name_an_id_or_an_anchor() {
        let site = site(
            &[
                (
                    "ch01.html",
                    r##"<a href="ch02.html#spawn">a</a><a href="ch02.html#old">b</a>
                        <a href='#missing'>c</a><a href="ch02.html#gone">d</a><a href=#top>e</a>"##,
                ),
                (
                    "ch02.html",
                    r#"<h2 id="spawn">Spawn</h2><a name="old"></a>"#,
                ),
            ],
            &[],
        );
        assert_eq!(
            site.broken_links("ch01.html"),
            [
                "link `#missing` points at a missing heading or id",
                "link `ch02.html#gone` points at a missing heading or id"
            ]
        );
    }

    #[test]
    fn encoded_paths_and_entities_are_decoded() {
        let site = site(
            &[
                (
                    "guide/ch01.html",
                    r#"<link href="../fonts/Open%20Sans.woff2?v=2"><a href="../ch02.html#caf%C3%A9">x</a>
                   <a href="../index.html?a=1&amp;b=2">home</a><a href="./">folder</a>"#,
                ),
                ("ch02.html", r#"<h2 id="café">Café</h2>"#),
                ("index.html", ""),
                ("guide/index.html", ""),
            ],
            &["fonts/Open Sans.woff2"],
        );
        assert_eq!(site.broken_links("guide/ch01.html"), Vec::<String>::new());
    }

    #[test]
    fn markup_is_read_as_a_browser_reads_it() {
        let page = r##"<script>let html = '<a href="nowhere.html">';</script>
            <!-- <a href="commented.html"> --><p id=unquoted>
            <a href="https://docs.rs/tokio">docs</a> <a href="mailto:course@localhost">mail</a>
            <svg><use xlink:href="#arrow"></use></svg><a href="../../outside.html">x</a>"##;
        let site = site(&[("index.html", page)], &[]);
        assert_eq!(
            site.broken_links("index.html"),
            [
                "link `#arrow` points at a missing heading or id",
                "broken link `../../outside.html`"
            ]
        );
        assert!(site.pages["index.html"].targets.contains("unquoted"));
    }
}

#[cfg(test)]
mod playground_tests {
    use super::*;

    #[test]
    fn a_run_button_block_may_name_only_std_tokio_futures_and_its_own_modules() {
        let allowed = "use std::time::Duration;\nuse tokio::sync::{mpsc, oneshot};\n\
                       fn f(_: mpsc::Sender<u8>, _: oneshot::Receiver<u8>) {}\nmod orders { pub fn count() {} }\n\
                       #[tokio::main]\nasync fn main() { orders::count(); u64::from(1u8); \
                       futures::future::ready(()).await; [1u64].iter().sum::<u64>(); \
                       \"8\".parse::<u8>(); } // in use in this comment: serde::x\n#[cfg(test)]\nmod tests { use \
                       course_testkit::run_paused; }";
        assert!(
            foreign_crates(allowed).is_empty(),
            "{:?}",
            foreign_crates(allowed)
        );
        let axum = "use axum::Router;\nfn main() { let _ = serde_json::json!({}); }";
        assert_eq!(
            foreign_crates(axum).into_iter().collect::<Vec<_>>(),
            ["axum", "serde_json"]
        );
    }

    #[test]
    fn the_code_of_run_button_blocks_is_read_as_the_playground_gets_it() {
        let html = "<pre><code>not this</code></pre><pre class=\"playground\"><code class=\
                    \"language-rust\"><span class=\"boring\">use std::fmt;\n</span>fn main() \
                    { let a = 1 &lt; 2 &amp;&amp; true; }</code></pre>";
        assert_eq!(
            playground_blocks(html),
            ["use std::fmt;\nfn main() { let a = 1 < 2 && true; }"]
        );
    }
}
