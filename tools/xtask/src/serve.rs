//! `cargo xtask serve`: builds the book, serves it on 127.0.0.1, and rebuilds it when a source
//! file changes.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The port to listen on (0 lets the system pick a free one)
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
}
/// What a change to triggers a rebuild.
const WATCHED: [&str; 5] = ["src", "listings", "exercises", "solutions", "book.toml"];

pub fn run(workspace: &crate::Workspace, args: Args) -> anyhow::Result<()> {
    let root = &workspace.root;
    let port = args.port;
    let out = workspace.target("book-serve");
    crate::book::build(root, &out)?;
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| {
        anyhow::anyhow!("cannot listen on 127.0.0.1:{port} ({e}): pass a free port with --port N, or --port 0 to let the system pick one")
    })?;
    let address = server
        .server_addr()
        .to_ip()
        .expect("a TCP listener has an IP address");
    println!(
        "Serving the book at http://{address}/ (Ctrl-C stops). It rebuilds when you edit a page or a listing."
    );

    let watched_root = root.to_path_buf();
    let rebuild_out = out.clone();
    std::thread::spawn(move || {
        let mut seen = latest_change(&watched_root);
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let now = latest_change(&watched_root);
            if now > seen {
                seen = now;
                match crate::book::build(&watched_root, &rebuild_out) {
                    Ok(()) => println!("rebuilt the book"),
                    Err(e) => eprintln!("error: {e}"),
                }
            }
        }
    });

    for request in server.incoming_requests() {
        let response = respond(&out, request.url());
        // A client that went away is not our problem.
        let _ = request.respond(response);
    }
    Ok(())
}

fn respond(out: &Path, url: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let relative = path.trim_start_matches('/');
    let safe = !relative.split('/').any(|part| part == "..");
    let mut file = out.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, file) = if safe && file.is_file() {
        (200, file)
    } else {
        (404, out.join("404.html"))
    };
    let body = std::fs::read(&file).unwrap_or_else(|_| b"not found".to_vec());
    let header =
        tiny_http::Header::from_bytes(&b"Content-Type"[..], content_type(&file).as_bytes())
            .expect("content types are valid header values");
    tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header)
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The newest modification time among the watched files (skipping build output).
fn latest_change(root: &Path) -> SystemTime {
    let mut newest = SystemTime::UNIX_EPOCH;
    let mut stack: Vec<PathBuf> = WATCHED.iter().map(|w| root.join(w)).collect();
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.filter_map(Result::ok).map(|e| e.path()));
            }
        } else if let Ok(modified) = meta.modified() {
            newest = newest.max(modified);
        }
    }
    newest
}
