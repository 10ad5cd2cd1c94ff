//! A headless Chromium driven through the DevTools protocol over a pipe
//! (`--remote-debugging-pipe`: JSON messages ended by a NUL byte, read from file descriptor 3
//! and written to 4). No WebDriver, no extra crate: the protocol's JSON is all the tests need.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long one DevTools command may take to answer.
const COMMAND_DEADLINE: Duration = Duration::from_secs(30);

#[allow(unused_imports)] // The `serve` test binary starts no browser.
pub use course::machine::{NO_CHROMIUM as SKIPPED, chromium as find_chromium};

/// A headless Chromium, killed when dropped.
pub struct Browser {
    process: Child,
    commands: ChildStdin,
    messages: mpsc::Receiver<Value>,
    /// Events that arrived while waiting for answers, oldest first.
    events: Vec<Value>,
    last_id: u64,
}

impl Browser {
    pub fn launch(chromium: &Path, profile: &Path) -> Self {
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
                "--disable-component-update",
                "--disable-sync",
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
            events: Vec::new(),
            last_id: 0,
        }
    }

    /// Opens a tab on `url` and attaches to it; returns the session id for [`Self::call`].
    pub fn open(&mut self, url: &str) -> String {
        let target = self.call("Target.createTarget", json!({ "url": url }), None);
        let attached = self.call(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
            None,
        );
        attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned()
    }

    /// Sends one DevTools command and returns its result; events that arrive meanwhile are
    /// kept for [`Self::take_events`].
    pub fn call(&mut self, method: &str, params: Value, session: Option<&str>) -> Value {
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
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
    }

    /// The value of a JavaScript expression in the page (promises are awaited).
    pub fn evaluate(&mut self, session: &str, expression: &str) -> Value {
        let params =
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true });
        let result = self.call("Runtime.evaluate", params, Some(session));
        result["result"]["value"].clone()
    }

    /// Every event received so far (and any waiting in the pipe), oldest first.
    pub fn take_events(&mut self) -> Vec<Value> {
        while let Ok(message) = self.messages.try_recv() {
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
        std::mem::take(&mut self.events)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// Asks `done` every 100 ms until it is true; panics with `what` after `limit`.
pub fn wait_until(
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
