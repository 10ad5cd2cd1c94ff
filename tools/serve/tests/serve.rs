//! `cargo xtask serve` on a copy of the book: an edited page is rebuilt, open pages are told to
//! reload and then get the new text, a failed rebuild leaves the last good book served, requests
//! stay inside the book's folder, and a busy port is one line of advice. Loopback only; every
//! wait has a deadline.

mod support;

use course_serve::{self as serve, Rebuild};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::BookCopy;

/// A rebuild takes a few seconds; a busy machine (all the workspace's tests at once) is slower.
const REBUILD_DEADLINE: Duration = Duration::from_secs(90);

/// One HTTP/1.0 request: the response's status code and body (the server closes after it).
fn get(address: SocketAddr, target: &str) -> (u16, String) {
    let mut stream = connect(address);
    write!(stream, "GET {target} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .unwrap_or_else(|e| panic!("no response to GET {target} within the read timeout: {e}"));
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {response:.200}"));
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default();
    (status, body)
}

fn connect(address: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&address, Duration::from_secs(5)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
}

/// The reload events, read as a page's `EventSource` reads them.
struct ReloadEvents {
    stream: TcpStream,
    received: String,
}

impl ReloadEvents {
    fn open(address: SocketAddr, since: u64) -> Self {
        let mut stream = connect(address);
        write!(
            stream,
            "GET {}?since={since} HTTP/1.0\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n",
            serve::RELOAD_PATH
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        ReloadEvents {
            stream,
            received: String::new(),
        }
    }

    /// Waits for a `reload` event and returns the generation it announces.
    fn next_reload(&mut self, deadline: Instant) -> u64 {
        loop {
            if let Some(at) = self.received.find("event: reload\n") {
                let rest = &self.received[at..];
                if let Some(end) = rest.find("\n\n") {
                    let generation = rest[..end]
                        .lines()
                        .find_map(|line| line.strip_prefix("data: "))
                        .and_then(|data| data.trim().parse().ok())
                        .expect("a reload event carries the book's generation");
                    self.received = rest[end + 2..].to_string();
                    return generation;
                }
            }
            assert!(
                Instant::now() < deadline,
                "no reload event within {REBUILD_DEADLINE:?}; received so far:\n{}",
                self.received
            );
            let mut buffer = [0; 4096];
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("the server closed the reload stream:\n{}", self.received),
                Ok(read) => self
                    .received
                    .push_str(&String::from_utf8_lossy(&buffer[..read])),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("the reload stream failed: {e}"),
            }
        }
    }
}

/// The generation a served page listens from (`?since=N` in its reload script).
fn page_generation(html: &str) -> u64 {
    let at = html
        .find("?since=")
        .expect("served pages carry the reload script")
        + 7;
    let digits: String = html[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

fn next_report(reports: &mpsc::Receiver<Rebuild>) -> Rebuild {
    reports
        .recv_timeout(REBUILD_DEADLINE)
        .unwrap_or_else(|_| panic!("no rebuild within {REBUILD_DEADLINE:?} of an edit"))
}

#[test]
fn an_edit_reloads_open_pages_with_the_new_text_and_a_broken_book_keeps_the_last_good_one() {
    let book = BookCopy::new("serve-reload");
    let (report, reports) = mpsc::channel();
    let server = serve::start_reporting(&book.root, &book.out(), 0, move |rebuild| {
        let _ = report.send(rebuild);
    })
    .expect("the server starts");
    let address = server.address();
    assert!(address.ip().is_loopback());
    let (source, html) = book.first_page();

    let (status, page) = get(address, &format!("/{html}"));
    assert_eq!(status, 200);
    let mut events = ReloadEvents::open(address, page_generation(&page));

    let first_edit = "Edited while the book is served: the first edit.";
    book.edit(&source, |text| format!("{text}\n{first_edit}\n"));
    let Rebuild::Served {
        generation,
        problems,
    } = next_report(&reports)
    else {
        panic!("the edited book did not rebuild");
    };
    assert_eq!(problems, Vec::<String>::new());
    let deadline = Instant::now() + REBUILD_DEADLINE;
    assert_eq!(events.next_reload(deadline), generation);
    let (status, page) = get(address, &format!("/{html}"));
    assert_eq!(status, 200);
    assert!(
        page.contains(first_edit),
        "the reloaded page is the old one"
    );

    // A broken book.toml: the rebuild fails and the last good book is still served.
    book.edit("book.toml", |text| format!("{text}\n[this is not toml\n"));
    assert!(
        matches!(next_report(&reports), Rebuild::Failed { error } if !error.contains('\n')),
        "a broken book.toml must fail the rebuild, in one line"
    );
    let (status, page) = get(address, &format!("/{html}"));
    assert_eq!(status, 200);
    assert!(page.contains(first_edit));

    // Repaired, with a second edit: one more reload, and the page has the second edit. The
    // edit includes a file that does not exist: the book is served, and the problem reported.
    let second_edit = "Edited while the book is served: the second edit.";
    let missing = "{{#include ../listings/does-not-exist.rs}}";
    book.edit(&source, |text| {
        format!("{text}\n{second_edit}\n\n{missing}\n")
    });
    book.edit("book.toml", |text| {
        text.replace("\n[this is not toml\n", "")
    });
    let served = loop {
        match next_report(&reports) {
            Rebuild::Served {
                generation,
                problems,
            } => {
                assert!(
                    problems.iter().any(|p| p.contains("does-not-exist.rs")),
                    "{problems:?}"
                );
                break generation;
            }
            // The edit and the repair may come in two bursts: the first fails.
            Rebuild::Failed { .. } => {}
        }
    };
    let deadline = Instant::now() + REBUILD_DEADLINE;
    while events.next_reload(deadline) < served {}
    let (_, page) = get(address, &format!("/{html}"));
    assert!(page.contains(second_edit));
    server.stop();
}

#[test]
fn requests_stay_in_the_book_and_a_busy_port_says_what_to_do() {
    let book = BookCopy::new("serve-paths");
    let server = serve::start(&book.root, &book.out(), 0).expect("the server starts");
    let address = server.address();

    let (status, page) = get(address, "/");
    assert_eq!(status, 200);
    assert!(page.contains(serve::RELOAD_PATH));
    let (status, _) = get(address, "/css/");
    assert_eq!(status, 404, "a folder without an index.html is not listed");
    for escaping in [
        "/../book.toml",
        "/%2e%2e/book.toml",
        "/css/..%2F..%2Fbook.toml",
    ] {
        let (status, body) = get(address, escaping);
        assert_eq!(status, 404, "{escaping}");
        assert!(
            !body.contains("[book]"),
            "{escaping} served a file outside the book"
        );
    }

    let error = serve::start(&book.root, &book.out(), address.port())
        .expect_err("a second server cannot listen on the same port")
        .to_string();
    assert!(
        error.contains("in use") && error.contains("--port 0") && !error.contains('\n'),
        "{error}"
    );
    server.stop();
}
