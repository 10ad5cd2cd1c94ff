//! `cargo xtask serve` in a real browser: headless Chromium opens a page, the page's source is
//! edited, and the open page reloads itself and shows the new text; the test never navigates.
//!
//! Chromium is driven through the DevTools protocol over a pipe (`--remote-debugging-pipe`:
//! JSON messages ended by a NUL byte, read from file descriptor 3 and written to 4). Without a
//! Chromium on the machine the test says so and passes: install Debian's `chromium`, or point
//! `COURSE_CHROMIUM` at a Chromium or Chrome binary, to run it.

mod support;

use course_serve::{self as serve, Rebuild};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::BookCopy;

/// How long one DevTools command may take to answer.
const COMMAND_DEADLINE: Duration = Duration::from_secs(30);

/// How long the page may take to show an edit: a rebuild, then a reload (slower on a machine
/// busy with the workspace's other tests).
const EDIT_DEADLINE: Duration = Duration::from_secs(90);

#[test]
fn an_open_page_in_chromium_reloads_itself_after_an_edit() {
    let Some(chromium) = find_chromium() else {
        eprintln!(
            "skipped: no chromium on PATH (apt-get install chromium, or set COURSE_CHROMIUM)"
        );
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
    let target = browser.call("Target.createTarget", json!({ "url": url }), None);
    let attached = browser.call(
        "Target.attachToTarget",
        json!({ "targetId": target["targetId"], "flatten": true }),
        None,
    );
    let session = attached["sessionId"].as_str().expect("a session id");
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

/// `COURSE_CHROMIUM`, or `chromium` (Debian's package) or another Chromium-based browser found
/// on `PATH`.
fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("COURSE_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// A headless Chromium, killed when dropped.
struct Browser {
    process: Child,
    commands: ChildStdin,
    messages: mpsc::Receiver<Value>,
    last_id: u64,
}

impl Browser {
    fn launch(chromium: &Path, profile: &Path) -> Self {
        // The shell gives Chromium our pipes as the descriptors 3 and 4 it talks on, then
        // becomes Chromium (`exec`), so that killing this process kills the browser.
        let mut process = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--remote-debugging-pipe",
                "--window-size=1200,1600",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
        let commands = process.stdin.take().unwrap();
        let mut replies = BufReader::new(process.stdout.take().unwrap());
        let (sender, messages) = mpsc::channel();
        // Ends when the browser closes its end of the pipe (it is killed on drop).
        std::thread::spawn(move || {
            let mut message = Vec::new();
            while replies
                .read_until(0, &mut message)
                .is_ok_and(|read| read > 0)
            {
                message.pop_if(|byte| *byte == 0);
                if let Ok(value) = serde_json::from_slice(&message)
                    && sender.send(value).is_err()
                {
                    break;
                }
                message.clear();
            }
        });
        Browser {
            process,
            commands,
            messages,
            last_id: 0,
        }
    }

    /// Sends one DevTools command and returns its result (events in between are skipped).
    fn call(&mut self, method: &str, params: Value, session: Option<&str>) -> Value {
        self.last_id += 1;
        let mut command = json!({ "id": self.last_id, "method": method, "params": params });
        if let Some(session) = session {
            command["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&command).unwrap();
        bytes.push(0);
        self.commands
            .write_all(&bytes)
            .unwrap_or_else(|e| panic!("Chromium stopped reading commands ({e})"));
        let deadline = Instant::now() + COMMAND_DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("Chromium did not answer {method} in time"));
            if message["id"] == json!(self.last_id) {
                assert!(
                    message.get("error").is_none(),
                    "{method} failed: {}",
                    message["error"]
                );
                return message["result"].clone();
            }
        }
    }

    /// The value of a JavaScript expression in the page.
    fn evaluate(&mut self, session: &str, expression: &str) -> Value {
        let params = json!({ "expression": expression, "returnByValue": true });
        let result = self.call("Runtime.evaluate", params, Some(session));
        result["result"]["value"].clone()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn wait_until(
    browser: &mut Browser,
    limit: Duration,
    what: &str,
    mut done: impl FnMut(&mut Browser) -> bool,
) {
    let deadline = Instant::now() + limit;
    while !done(browser) {
        assert!(Instant::now() < deadline, "waited {limit:?} for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}
