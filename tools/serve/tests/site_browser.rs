//! The site as readers meet it, in headless Chromium: the book built for a sub-path
//! (`/course/`) and served as a static host serves it.
//!
//! - every page of SUMMARY.md loads with no console error, no uncaught exception and no failed
//!   request; every image loads and has alt text; at a phone's width (390 px) nothing but code
//!   blocks and tables is wider than the screen, and the page does not scroll sideways;
//! - every link between pages resolves on the host (the 404 page, sent for anything else,
//!   loads its styles from the sub-path too);
//! - search finds `JoinSet` and `gather` on their pages; the theme menu switches themes; the
//!   print page holds every chapter;
//! - a page broken on purpose (a missing image, an image without alt text, a console error, a
//!   dead link, a block too wide for a phone) is reported for each break, so the checks above
//!   are known to fail when they should;
//! - screenshots of a few pages at desktop and phone width are written to
//!   `target/site-screenshots/` for a person to look at.
//!
//! Without a Chromium on the machine the test prints one line saying how to get one, and passes.

mod support;

use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;
use support::browser::{Browser, SKIPPED, find_chromium, wait_until};
use support::static_site::StaticSite;

/// The sub-path the site is hosted at, as on a static host's project page.
const SUB_PATH: &str = "/course/";

/// A phone's width in CSS pixels.
const PHONE_WIDTH: u32 = 390;

/// The page broken on purpose, written into the built site (never into the sources).
const BROKEN_PAGE: &str = "zz-broken-on-purpose.html";

/// The pages whose screenshots a person should look at after a change to the theme.
const SCREENSHOTS: [&str; 4] = [
    "introduction.html",
    "ch04-01-gather.html",
    "ch08-02-the-matrix.html",
    "instructor-guide.html",
];

#[test]
fn every_page_works_in_a_browser_on_a_phone_and_under_a_sub_path() {
    let Some(chromium) = find_chromium() else {
        eprintln!("{SKIPPED}");
        return;
    };
    let root = course::workspace_root();
    let target = root.join("target");
    let out = target.join("site-check");
    let _ = std::fs::remove_dir_all(&out);
    course_book::build_hosted_at(&root, &out, Some(SUB_PATH)).expect("the book builds");
    std::fs::write(out.join(BROKEN_PAGE), BROKEN_HTML).unwrap();
    let site = StaticSite::serve(&out, SUB_PATH);

    let mut browser = Browser::launch(&chromium, &target.join("chromium-site-profile"));
    let mut tab = Tab::open(&mut browser, &site.url("introduction.html"));

    // The page broken on purpose first: each break must be reported.
    let broken = tab.check_page(&site.url(BROKEN_PAGE));
    let reported = broken.problems.join("\n");
    for expected in [
        "image did not load: img/missing.svg",
        "image without alt text: img/ch02-timeline.svg",
        "console error: this page is broken on purpose",
        "request failed (404)",
        "wider than the screen: DIV",
        "scrolls sideways",
    ] {
        assert!(
            reported.contains(expected),
            "the page broken on purpose should report `{expected}`, but reported:\n{reported}"
        );
    }
    let dead = tab.dead_links(&broken.links);
    assert_eq!(
        dead,
        [site.url("no-such-page.html")],
        "the dead link on purpose"
    );

    let summary = std::fs::read_to_string(root.join("src/SUMMARY.md")).unwrap();
    let mut problems = Vec::new();
    let mut links = BTreeSet::new();
    for page in course::pages::summary_links(&summary) {
        let html = page.replace(".md", ".html");
        let checked = tab.check_page(&site.url(&html));
        problems.extend(checked.problems.iter().map(|p| format!("{html}: {p}")));
        links.extend(checked.links);
    }
    for dead in tab.dead_links(&links) {
        problems.push(format!("a link leads nowhere: {dead}"));
    }
    let not_found = tab.check_page(&site.url("a/folder/that/does-not-exist.html"));
    problems.extend(
        not_found
            .problems
            .iter()
            .filter(|p| !p.contains("(404)") || !p.contains("does-not-exist"))
            .map(|p| format!("the 404 page: {p}")),
    );
    assert!(
        problems.is_empty(),
        "the site has problems in a browser:\n  {}",
        problems.join("\n  ")
    );

    tab.search_finds(&site, "JoinSet", "ch04-03-task-groups.html");
    tab.search_finds(&site, "gather", "ch04-01-gather.html");
    tab.theme_switches(&site);
    print_page_has_every_chapter(&out, &root);

    let shots = target.join("site-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for page in SCREENSHOTS {
        for width in [1200, PHONE_WIDTH] {
            tab.screenshot(&site.url(page), width, &shots, page);
        }
    }
}

/// Two images (one missing, one without alt text), a dead link, a console error and a block
/// too wide for a phone.
const BROKEN_HTML: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Broken</title></head>
<body><main><h1>Broken on purpose</h1>
<img src="img/missing.svg" alt="a figure that is not there">
<img src="img/ch02-timeline.svg">
<p><a href="no-such-page.html">a dead link</a></p>
<div style="width: 1200px">a block too wide for a phone</div>
<script>console.error("this page is broken on purpose");</script>
</main></body></html>"#;

/// What one page showed.
struct Checked {
    problems: Vec<String>,
    /// Links to other files of the site, without fragments.
    links: BTreeSet<String>,
}

/// One browser tab, at a phone's width, recording console messages and requests.
struct Tab<'b> {
    browser: &'b mut Browser,
    session: String,
}

/// Every image that failed or has no alt text, whether the page scrolls sideways, which
/// elements (outside code blocks and tables, which scroll by themselves) are wider than the
/// screen, and the links to other files of the same site.
const PAGE_CHECK: &str = r#"(() => {
  const images = [...document.images];
  // The layout viewport: a phone zooms out to fit a page that is too wide, which changes
  // innerWidth, not this.
  const width = document.documentElement.clientWidth;
  const tooWide = [...document.querySelectorAll('main *')]
    .filter(e => e.getBoundingClientRect().right > width + 1
      && !e.closest('pre, .table-wrapper, table'))
    .slice(0, 3)
    .map(e => e.tagName + ' "' + (e.textContent || '').trim().slice(0, 50) + '"');
  return {
    brokenImages: images.filter(i => !i.complete || i.naturalWidth === 0)
      .map(i => i.getAttribute('src')),
    withoutAlt: images.filter(i => !(i.getAttribute('alt') || '').trim())
      .map(i => i.getAttribute('src')),
    scrollWidth: document.documentElement.scrollWidth,
    width,
    tooWide,
    links: [...document.querySelectorAll('a[href]')].map(a => a.href.split('#')[0])
      .filter(h => h.startsWith(location.origin)),
  };
})()"#;

impl<'b> Tab<'b> {
    fn open(browser: &'b mut Browser, url: &str) -> Self {
        let session = browser.open(url);
        let mut tab = Tab { browser, session };
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            tab.call(domain, json!({}));
        }
        // mdBook's pages ask the public playground which crates it has, to show Run buttons.
        // Tests have no internet: the request is held unanswered (never failed), so a page is
        // judged on what it serves itself.
        tab.call(
            "Fetch.enable",
            json!({ "patterns": [{ "urlPattern": "https://play.rust-lang.org/*" }] }),
        );
        tab.set_width(PHONE_WIDTH);
        tab
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.browser.call(method, params, Some(&self.session))
    }

    fn evaluate(&mut self, expression: &str) -> Value {
        self.browser.evaluate(&self.session, expression)
    }

    fn set_width(&mut self, width: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 900, "deviceScaleFactor": 1,
                    "mobile": width == PHONE_WIDTH }),
        );
    }

    /// Navigates to `url` and waits until it has loaded (images and styles included).
    fn go(&mut self, url: &str) {
        self.browser.take_events();
        self.call("Page.navigate", json!({ "url": url }));
        let loaded = format!(
            "location.href.split('?')[0] === {:?} && document.readyState === 'complete'",
            url.split('?').next().unwrap_or(url)
        );
        let session = self.session.clone();
        wait_until(self.browser, Duration::from_secs(30), url, |b| {
            b.evaluate(&session, &loaded) == json!(true)
        });
    }

    fn check_page(&mut self, url: &str) -> Checked {
        self.go(url);
        let facts = self.evaluate(PAGE_CHECK);
        let mut problems = Vec::new();
        for src in strings(&facts["brokenImages"]) {
            problems.push(format!("image did not load: {src}"));
        }
        for src in strings(&facts["withoutAlt"]) {
            problems.push(format!("image without alt text: {src}"));
        }
        for element in strings(&facts["tooWide"]) {
            problems.push(format!("wider than the screen: {element}"));
        }
        if facts["scrollWidth"].as_u64() > facts["width"].as_u64() {
            problems.push(format!(
                "scrolls sideways at {PHONE_WIDTH} px ({} px wide)",
                facts["scrollWidth"]
            ));
        }
        problems.extend(self.errors_since_navigation());
        Checked {
            problems,
            links: strings(&facts["links"]).into_iter().collect(),
        }
    }

    /// Console errors, uncaught exceptions and failed requests since the last navigation.
    fn errors_since_navigation(&mut self) -> Vec<String> {
        let mut urls = BTreeMap::new();
        let mut errors = Vec::new();
        for event in self.browser.take_events() {
            let params = &event["params"];
            match event["method"].as_str().unwrap_or_default() {
                "Network.requestWillBeSent" => {
                    urls.insert(
                        params["requestId"].to_string(),
                        params["request"]["url"].as_str().unwrap_or("").to_owned(),
                    );
                }
                "Network.responseReceived"
                    if params["response"]["status"].as_u64() >= Some(400) =>
                {
                    errors.push(format!(
                        "request failed ({}): {}",
                        params["response"]["status"], params["response"]["url"]
                    ));
                }
                "Network.loadingFailed" if params["canceled"] != json!(true) => {
                    let url = urls.get(&params["requestId"].to_string()).cloned();
                    errors.push(format!(
                        "request failed ({}): {}",
                        params["errorText"].as_str().unwrap_or("?"),
                        url.unwrap_or_default()
                    ));
                }
                "Runtime.exceptionThrown" => {
                    let details = &params["exceptionDetails"];
                    let text = details["exception"]["description"]
                        .as_str()
                        .or(details["text"].as_str())
                        .unwrap_or("?");
                    errors.push(format!("uncaught exception: {text}"));
                }
                "Runtime.consoleAPICalled" if params["type"] == json!("error") => {
                    let text: Vec<String> = params["args"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|arg| arg["value"].as_str().unwrap_or("?").to_owned())
                        .collect();
                    errors.push(format!("console error: {}", text.join(" ")));
                }
                _ => {}
            }
        }
        errors
    }

    /// The links, among `links`, that the host answers with an error.
    fn dead_links(&mut self, links: &BTreeSet<String>) -> Vec<String> {
        let list = serde_json::to_string(&links.iter().collect::<Vec<_>>()).unwrap();
        let statuses = self.evaluate(&format!(
            "Promise.all({list}.map(url => fetch(url, {{ method: 'HEAD' }})\
             .then(r => r.ok ? null : url, () => url)))"
        ));
        self.browser.take_events();
        strings(&statuses)
    }

    fn search_finds(&mut self, site: &StaticSite, term: &str, page: &str) {
        self.go(&site.url(&format!("index.html?search={term}")));
        let results = "[...document.querySelectorAll('#mdbook-searchresults a')]\
                       .map(a => a.getAttribute('href'))";
        let session = self.session.clone();
        let mut found = Vec::new();
        wait_until(
            self.browser,
            Duration::from_secs(20),
            &format!("search results for {term}"),
            |b| {
                found = strings(&b.evaluate(&session, results));
                !found.is_empty()
            },
        );
        assert!(
            found.iter().any(|href| href.starts_with(page)),
            "searching for {term} should find {page}; found {found:?}"
        );
    }

    fn theme_switches(&mut self, site: &StaticSite) {
        self.go(&site.url("introduction.html"));
        let switched = self.evaluate(
            "document.getElementById('mdbook-theme-toggle').click();\
             document.getElementById('mdbook-theme-navy').click();\
             document.documentElement.classList.contains('navy')",
        );
        assert_eq!(switched, json!(true), "the theme menu switches to Navy");
        self.go(&site.url("ch01-01-no-gil.html"));
        assert_eq!(
            self.evaluate("document.documentElement.classList.contains('navy')"),
            json!(true),
            "the chosen theme stays on the next page"
        );
        self.evaluate("localStorage.clear()");
    }

    fn screenshot(&mut self, url: &str, width: u32, folder: &Path, page: &str) {
        self.set_width(width);
        self.go(url);
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let png = decode_base64(shot["data"].as_str().expect("screenshot data"));
        let name = format!("{}-{width}.png", page.trim_end_matches(".html"));
        std::fs::write(folder.join(name), png).unwrap();
        self.set_width(PHONE_WIDTH);
    }
}

/// The print page holds every written chapter. Read from the file: rendering the whole book in
/// the browser would only make the test slower, and the page is plain HTML.
fn print_page_has_every_chapter(out: &Path, root: &Path) {
    let print = std::fs::read_to_string(out.join("print.html")).expect("print.html");
    for chapter in course::chapters::chapters(root).unwrap() {
        if chapter.is_written() {
            // Each chapter's first page starts with its title as a heading.
            let heading = format!("{}</a></h1>", chapter.title.replace('&', "&amp;"));
            assert!(
                print.contains(&heading),
                "print.html lacks chapter {} ({})",
                chapter.id,
                chapter.title
            );
        }
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// Standard base64 (the DevTools protocol's encoding of binary data).
fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let bits = chunk
            .iter()
            .enumerate()
            .fold(0u32, |bits, (i, &d)| bits | u32::from(d) << (18 - 6 * i));
        let [_, b1, b2, b3] = bits.to_be_bytes();
        bytes.extend_from_slice(&[b1, b2, b3][..chunk.len() - 1]);
    }
    bytes
}

#[test]
fn base64_decodes_as_the_protocol_encodes() {
    assert_eq!(decode_base64("TWFu"), b"Man");
    assert_eq!(decode_base64("TWE="), b"Ma");
    assert_eq!(decode_base64("TQ=="), b"M");
    assert_eq!(decode_base64("/+8="), [0xff, 0xef]);
}
