//! A built book served as a static host serves it: plain files under a sub-path, the 404 page
//! with status 404 for anything else, no reload script. Runs on a thread of its own.

use axum::Router;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::sync::oneshot;

pub struct StaticSite {
    address: SocketAddr,
    prefix: String,
    stop: Option<oneshot::Sender<()>>,
    serving: Option<std::thread::JoinHandle<()>>,
}

impl StaticSite {
    /// Serves the files of `out` at `http://127.0.0.1:PORT{prefix}` (`prefix` starts and ends
    /// with `/`).
    pub fn serve(out: &Path, prefix: &str) -> Self {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        listener.set_nonblocking(true).unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let site = Arc::new((out.to_path_buf(), prefix.to_owned()));
        let serving = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let app = Router::new().fallback(move |uri: Uri| file(Arc::clone(&site), uri));
                tokio::select! {
                    _ = axum::serve(listener, app) => {}
                    _ = stopped => {}
                }
            });
        });
        StaticSite {
            address,
            prefix: prefix.to_owned(),
            stop: Some(stop),
            serving: Some(serving),
        }
    }

    /// The URL of `page` (`ch01-01-no-gil.html`) on this host.
    pub fn url(&self, page: &str) -> String {
        format!("http://{}{}{page}", self.address, self.prefix)
    }
}

impl Drop for StaticSite {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(serving) = self.serving.take() {
            let _ = serving.join();
        }
    }
}

async fn file(site: Arc<(PathBuf, String)>, uri: Uri) -> Response {
    let (out, prefix) = &*site;
    let found = uri
        .path()
        .strip_prefix(prefix.as_str())
        .and_then(course_serve::relative_path)
        .map(|relative| {
            let file = out.join(relative);
            if file.is_dir() {
                file.join("index.html")
            } else {
                file
            }
        })
        .filter(|file| file.is_file());
    let (status, file) = match found {
        Some(file) => (StatusCode::OK, file),
        None => (StatusCode::NOT_FOUND, out.join("404.html")),
    };
    let bytes = tokio::fs::read(&file).await.unwrap_or_default();
    let content_type = course_serve::content_type(&file);
    (status, [(header::CONTENT_TYPE, content_type)], bytes).into_response()
}
