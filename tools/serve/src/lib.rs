//! The book's server (`cargo xtask serve`), a crate of its own so that the other commands do not
//! build a web server: builds the book, serves it on 127.0.0.1, rebuilds it when a source file
//! changes, and makes every open page reload itself after a successful rebuild.
//!
//! The pages served carry a small script that listens to server-sent events on
//! [`RELOAD_PATH`]; the book written by `cargo xtask book` has no such script.

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tokio::sync::{RwLock, oneshot, watch};

/// What the book is built from, in the repository's root: a change in any of them rebuilds it
/// (pages, the files they include, what the preprocessor reads, the book's configuration).
pub const WATCHED: [&str; 8] = [
    "src",
    "listings",
    "exercises",
    "solutions",
    "wrong-answers",
    "theme",
    "book.toml",
    "course.toml",
];

/// The stream of server-sent events that tells open pages to reload: one `reload` event after
/// each successful rebuild.
pub const RELOAD_PATH: &str = "/__course/reload";

/// How long the sources must stay unchanged before a rebuild: an editor's save may write,
/// rename and delete several files, and should rebuild once.
const QUIET: Duration = Duration::from_millis(200);

/// The longest a stream of changes may put a rebuild off.
const LONGEST_DELAY: Duration = Duration::from_secs(2);

/// How long stopping waits for in-flight requests.
const STOP_GRACE: Duration = Duration::from_secs(1);

/// A running `serve`: the address it listens on, and what it needs to stop.
#[derive(Debug)]
pub struct Server {
    address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    serving: Option<JoinHandle<Result<()>>>,
    watcher: Option<notify::RecommendedWatcher>,
    rebuilding: Option<JoinHandle<()>>,
}

/// What became of a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// The new book is served and open pages were told to reload; `problems` are what
    /// `cargo xtask book` would refuse (a broken link, an include that does not resolve, …).
    Served {
        generation: u64,
        problems: Vec<String>,
    },
    /// The last good book is still served.
    Failed { error: String },
}

/// Builds the book from the sources in `root` into `out`, serves it on 127.0.0.1:`port` (0 picks
/// a free port: see [`Server::address`]), and rebuilds it when a watched file changes. A failed
/// build at the start is an error; a failed rebuild prints one line and the last good book stays.
/// The server runs on threads of its own: call it from synchronous code, not from async code.
pub fn start(root: &Path, out: &Path, port: u16) -> Result<Server> {
    start_reporting(root, out, port, |rebuild| match rebuild {
        Rebuild::Served { problems, .. } if problems.is_empty() => {
            println!("rebuilt the book: open pages reload")
        }
        Rebuild::Served { problems, .. } => println!(
            "rebuilt the book: open pages reload; `cargo xtask book` would refuse it:\n  {}",
            problems.join("\n  ")
        ),
        Rebuild::Failed { error } => {
            eprintln!("error: the book did not rebuild, the last good one is still served: {error}")
        }
    })
}

/// [`start`], telling `report` what became of each rebuild (tests wait for it).
pub fn start_reporting(
    root: &Path,
    out: &Path,
    port: u16,
    report: impl Fn(Rebuild) + Send + 'static,
) -> Result<Server> {
    let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AddrInUse {
            anyhow::anyhow!(
                "127.0.0.1:{port} is in use: pass a free port with --port N, or --port 0 to let \
                 the system pick one"
            )
        } else {
            anyhow::anyhow!("cannot listen on 127.0.0.1:{port} ({error}): try --port 0")
        }
    })?;
    let address = listener.local_addr()?;
    listener.set_nonblocking(true)?;

    let book = Arc::new(Book {
        out: out.to_path_buf(),
        swap: RwLock::new(()),
        generation: watch::Sender::new(0),
    });
    // Watching starts before the first build: an edit saved during it rebuilds once more.
    let (changes_sender, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(changes_sender)
        .context("cannot watch the book's sources for changes")?;
    watch_sources(&mut watcher, root)?;
    book.rebuild(root)?;
    let rebuilding = {
        let (root, book) = (root.to_path_buf(), Arc::clone(&book));
        std::thread::Builder::new()
            .name("book-rebuild".into())
            .spawn(move || rebuild_on_changes(&root, &book, &changes, report))?
    };

    let (stop, stopped) = oneshot::channel();
    let serving = std::thread::Builder::new()
        .name("book-serve".into())
        .spawn(move || serve(listener, book, stopped))?;
    Ok(Server {
        address,
        stop: Some(stop),
        serving: Some(serving),
        watcher: Some(watcher),
        rebuilding: Some(rebuilding),
    })
}

impl Server {
    /// The address the server listens on (127.0.0.1 and the port it got).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The book's first page.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Serves until the server fails (Ctrl-C ends the process).
    pub fn wait(mut self) -> Result<()> {
        let serving = self.serving.take().expect("a server is waited for once");
        serving
            .join()
            .map_err(|_| anyhow::anyhow!("the server's thread panicked"))?
    }

    /// Stops serving and watching; returns once a rebuild under way has finished.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            // The server may have stopped already: then there is nobody to tell.
            let _ = stop.send(());
        }
        if let Some(serving) = self.serving.take() {
            let _ = serving.join();
        }
        // Dropping the watcher drops the sender of changes, which ends the rebuild thread.
        self.watcher.take();
        if let Some(rebuilding) = self.rebuilding.take() {
            let _ = rebuilding.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// The book being served.
#[derive(Debug)]
struct Book {
    /// The folder served, replaced as a whole by each successful build.
    out: PathBuf,
    /// Held to read a file, taken alone to swap in a new build: no request sees half a book.
    swap: RwLock<()>,
    /// How many builds succeeded: pages listen for it to grow.
    generation: watch::Sender<u64>,
}

impl Book {
    /// Builds next to the served folder and swaps the new book in when the build succeeded, so
    /// that a failed build leaves the last good one in place.
    fn rebuild(&self, root: &Path) -> Result<u64> {
        let next = sibling(&self.out, "next");
        let old = sibling(&self.out, "old");
        let _ = std::fs::remove_dir_all(&next);
        course_book::build(root, &next)?;
        {
            let _swapping = self.swap.blocking_write();
            let _ = std::fs::remove_dir_all(&old);
            if self.out.exists() {
                std::fs::rename(&self.out, &old)
                    .with_context(|| format!("cannot move {} aside", self.out.display()))?;
            }
            std::fs::rename(&next, &self.out)
                .with_context(|| format!("cannot move the new book to {}", self.out.display()))?;
        }
        let _ = std::fs::remove_dir_all(&old);
        self.generation.send_modify(|generation| *generation += 1);
        Ok(*self.generation.borrow())
    }
}

/// `target/book-serve` → `target/book-serve.next`.
fn sibling(folder: &Path, suffix: &str) -> PathBuf {
    let mut name = folder.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{suffix}"));
    folder.with_file_name(name)
}

fn watch_sources(watcher: &mut impl notify::Watcher, root: &Path) -> Result<()> {
    use notify::RecursiveMode;
    // Files are watched through the root: an editor that saves by renaming a new file over the
    // old one would leave a watch on the old file's inode.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    for name in WATCHED {
        let path = root.join(name);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }
    Ok(())
}

/// True when an event changes a watched source (reading a file, or a build's output, is not a
/// change; neither are editors' swap and backup files).
fn is_source_change(root: &Path, event: &notify::Event) -> bool {
    use notify::EventKind;
    use notify::event::{MetadataKind, ModifyKind};
    let changes = match event.kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Other => false,
    };
    changes
        && event.paths.iter().any(|path| {
            let Ok(relative) = path.strip_prefix(root) else {
                return false;
            };
            let watched = relative
                .components()
                .next()
                .is_some_and(|first| WATCHED.iter().any(|name| first.as_os_str() == *name));
            let scratch = relative.components().any(|part| {
                let part = part.as_os_str().to_string_lossy();
                part == "target" || part.starts_with('.') || part.ends_with('~')
            });
            watched && !scratch
        })
}

/// Rebuilds after each burst of changes, until the watcher is dropped.
fn rebuild_on_changes(
    root: &Path,
    book: &Book,
    changes: &mpsc::Receiver<notify::Result<notify::Event>>,
    report: impl Fn(Rebuild),
) {
    let is_change = |event: &notify::Result<notify::Event>| {
        event
            .as_ref()
            .is_ok_and(|event| is_source_change(root, event))
    };
    while let Ok(event) = changes.recv() {
        if !is_change(&event) {
            continue;
        }
        // Wait for the sources to be quiet, but never longer than LONGEST_DELAY in all.
        let first = Instant::now();
        let mut last_change = first;
        loop {
            let until = (last_change + QUIET).min(first + LONGEST_DELAY);
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match changes.recv_timeout(left) {
                Ok(event) if is_change(&event) => last_change = Instant::now(),
                Ok(_) => {}
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        report(match book.rebuild(root) {
            // Checked once served: the pages reload without waiting for the check.
            Ok(generation) => Rebuild::Served {
                generation,
                problems: course_book::check::check_built_book(root, &book.out),
            },
            Err(error) => Rebuild::Failed {
                error: one_line(&error),
            },
        });
    }
}

/// An error and its causes on one line.
fn one_line(error: &anyhow::Error) -> String {
    format!("{error:#}")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn serve(
    listener: std::net::TcpListener,
    book: Arc<Book>,
    stopped: oneshot::Receiver<()>,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = Router::new()
            .route(RELOAD_PATH, axum::routing::get(reload_events))
            .fallback(book_file)
            .with_state(book);
        tokio::select! {
            served = axum::serve(listener, app) => served,
            _ = stopped => Ok(()),
        }
    });
    // Open event streams never end by themselves: they are dropped with the runtime.
    runtime.shutdown_timeout(STOP_GRACE);
    result.context("the server stopped")
}

/// A `reload` event as soon as the book is newer than the build the page came from (`?since=N`),
/// then one after each rebuild.
async fn reload_events(State(book): State<Arc<Book>>, uri: Uri) -> impl IntoResponse {
    let since: u64 = uri
        .query()
        .and_then(|query| query.strip_prefix("since="))
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| *book.generation.borrow());
    let builds = book.generation.subscribe();
    let events = futures_util::stream::unfold((builds, since), |(mut builds, seen)| async move {
        loop {
            let current = *builds.borrow_and_update();
            if current > seen {
                let event = Event::default().event("reload").data(current.to_string());
                return Some((Ok::<_, std::convert::Infallible>(event), (builds, current)));
            }
            builds.changed().await.ok()?;
        }
    });
    Sse::new(events).keep_alive(KeepAlive::default())
}

/// A file of the book, or its 404 page; HTML pages get the reload script.
async fn book_file(State(book): State<Arc<Book>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let _reading = book.swap.read().await;
    let generation = *book.generation.borrow();
    let (status, file, bytes) = match read_book_file(&book.out, uri.path()).await {
        Some((file, bytes)) => (StatusCode::OK, file, bytes),
        None => {
            let file = book.out.join("404.html");
            let bytes = tokio::fs::read(&file).await.unwrap_or_default();
            (StatusCode::NOT_FOUND, file, bytes)
        }
    };
    let content_type = content_type(&file);
    let body = if content_type.starts_with("text/html") {
        with_reload_script(&String::from_utf8_lossy(&bytes), generation).into_bytes()
    } else {
        bytes
    };
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
        // A reload must fetch the rebuilt files, never a cached copy.
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ];
    (status, headers, body).into_response()
}

/// The file a URL path names inside `out`, with its bytes; `None` for a path that does not
/// name a file of the book (or tries to leave its folder).
async fn read_book_file(out: &Path, url_path: &str) -> Option<(PathBuf, Vec<u8>)> {
    let mut file = out.join(relative_path(url_path)?);
    if tokio::fs::metadata(&file).await.ok()?.is_dir() {
        file.push("index.html");
    }
    // A symbolic link could point out of the book: the real path must still be inside.
    let real = tokio::fs::canonicalize(&file).await.ok()?;
    if !real.starts_with(tokio::fs::canonicalize(out).await.ok()?) {
        return None;
    }
    let bytes = tokio::fs::read(&real).await.ok()?;
    Some((file, bytes))
}

/// The relative file path a URL path names, percent-decoded; `None` when a segment would climb
/// out of the book's folder or is not a plain name.
pub fn relative_path(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path)
        .decode_utf8()
        .ok()?;
    let mut relative = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            name if name.contains(['\\', '\0']) => return None,
            name => relative.push(name),
        }
    }
    Some(relative)
}

/// The page with a script, before `</body>`, that reloads it when the book is newer than
/// `generation`.
pub fn with_reload_script(html: &str, generation: u64) -> String {
    let script = format!(
        "<script>\n// Added by `cargo xtask serve`: reload when the book has been rebuilt.\n\
         new EventSource(\"{RELOAD_PATH}?since={generation}\")\n\
         \x20   .addEventListener(\"reload\", () => location.reload());\n</script>\n"
    );
    let at = html.rfind("</body>").unwrap_or(html.len());
    let mut page = String::with_capacity(html.len() + script.len());
    page.push_str(&html[..at]);
    page.push_str(&script);
    page.push_str(&html[at..]);
    page
}

/// The `Content-Type` of a file of the book, by its extension.
pub fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "eot" => "application/vnd.ms-fontobject",
        "txt" | "md" | "rs" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_stay_inside_the_book() {
        assert_eq!(relative_path("/"), Some(PathBuf::new()));
        assert_eq!(
            relative_path("/fonts/open%20sans.woff2"),
            Some(PathBuf::from("fonts/open sans.woff2"))
        );
        assert_eq!(relative_path("/./index.html"), Some("index.html".into()));
        for escaping in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/css/..%2f..%2fx",
            "/a%5c..%5cb",
        ] {
            assert_eq!(relative_path(escaping), None, "{escaping}");
        }
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = with_reload_script("<html><body><p>Hi</p></body></html>", 4);
        assert!(page.starts_with("<html><body><p>Hi</p><script>"));
        assert!(page.contains("/__course/reload?since=4"));
        assert!(page.ends_with("</script>\n</body></html>"));
    }

    #[test]
    fn builds_go_next_to_the_served_folder() {
        assert_eq!(
            sibling(Path::new("/repo/target/book-serve"), "next"),
            Path::new("/repo/target/book-serve.next")
        );
    }

    #[test]
    fn reading_a_file_or_building_is_not_a_change() {
        use notify::event::{AccessKind, CreateKind, DataChange, ModifyKind};
        use notify::{Event, EventKind};
        let root = Path::new("/repo");
        let event = |kind, path: &str| Event::new(kind).add_path(root.join(path));
        let edit = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(is_source_change(root, &event(edit, "src/ch01.md")));
        assert!(is_source_change(root, &event(edit, "book.toml")));
        assert!(is_source_change(
            root,
            &event(
                EventKind::Create(CreateKind::File),
                "listings/ch01/x/src/main.rs"
            )
        ));
        assert!(!is_source_change(
            root,
            &event(EventKind::Access(AccessKind::Any), "src/ch01.md")
        ));
        assert!(!is_source_change(
            root,
            &event(edit, "target/book-serve/index.html")
        ));
        assert!(!is_source_change(root, &event(edit, "src/.ch01.md.swp")));
        assert!(!is_source_change(root, &event(edit, "Cargo.lock")));
    }
}
