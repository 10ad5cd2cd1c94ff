//! `cargo xtask serve` in a real browser: headless Chromium opens a page, the page's source is
//! edited, and the open page reloads itself and shows the new text; the test never navigates.
//!
//! Chromium is driven through the DevTools protocol (`support/browser.rs`). Without a Chromium
//! on the machine the test says so and passes: install Debian's `chromium`, or point
//! `COURSE_CHROMIUM` at a Chromium or Chrome binary, to run it.

mod support;

use course_serve::{self as serve, Rebuild};
use serde_json::json;
use std::sync::mpsc;
use std::time::Duration;
use support::BookCopy;
use support::browser::{Browser, SKIPPED, find_chromium, wait_until};

/// How long the page may take to show an edit: a rebuild, then a reload (slower on a machine
/// busy with the workspace's other tests).
const EDIT_DEADLINE: Duration = Duration::from_secs(90);

#[test]
fn an_open_page_in_chromium_reloads_itself_after_an_edit() {
    let Some(chromium) = find_chromium() else {
        eprintln!("{SKIPPED}");
        return;
    };
    let book = BookCopy::new("serve-browser");
    let (report, reports) = mpsc::channel();
    let server = serve::start_reporting(&book.root, &book.out(), 0, move |rebuild| {
        let _ = report.send(rebuild);
    })
    .expect("the server starts");
    let (source, html) = book.first_page();
    let url = format!("{}{html}", server.url());

    let mut browser = Browser::launch(&chromium, &book.root.join("target/chromium-profile"));
    let session = browser.open(&url);
    let session = session.as_str();
    // A new tab starts as about:blank: wait for the book's page itself.
    let loaded = format!("location.href === {url:?} && document.readyState === 'complete'");
    wait_until(
        &mut browser,
        Duration::from_secs(30),
        "the page to load",
        |b| b.evaluate(session, &loaded) == json!(true),
    );
    let navigation = "performance.getEntriesByType('navigation')[0].type";
    assert_eq!(browser.evaluate(session, navigation), json!("navigate"));
    // A mark on this window: a page loaded again gets a new window object, without it.
    browser.evaluate(session, "window.openedByTheTest = true");

    let edit = "Edited while Chromium had this page open.";
    book.edit(&source, |text| format!("{text}\n{edit}\n"));
    assert!(
        matches!(
            reports.recv_timeout(EDIT_DEADLINE),
            Ok(Rebuild::Served { .. })
        ),
        "the edited book did not rebuild within {EDIT_DEADLINE:?}"
    );
    let shows_edit = format!("document.body.innerText.includes({edit:?})");
    wait_until(
        &mut browser,
        EDIT_DEADLINE,
        "the page to show the edit",
        |b| b.evaluate(session, &shows_edit) == json!(true),
    );
    assert_eq!(
        browser.evaluate(session, "window.openedByTheTest === undefined"),
        json!(true),
        "the edit shows in a new window object: the page was loaded again"
    );
    assert_eq!(
        browser.evaluate(session, navigation),
        json!("reload"),
        "the page was reloaded by location.reload(), which only the reload script calls"
    );
    drop(browser);
    server.stop();
}
