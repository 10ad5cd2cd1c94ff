//! Serving the endpoints: a runtime of the chosen flavour, an accept loop, a clean
//! shutdown.

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::str::FromStr;
use std::time::Duration;
use tokio::net::TcpListener;

/// Which tokio scheduler runs the handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// One thread for everything, like one asyncio event loop (one Uvicorn worker).
    CurrentThread,
    /// `workers` threads sharing the tasks, with work stealing.
    MultiThread,
}

impl FromStr for Flavor {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "current-thread" => Ok(Flavor::CurrentThread),
            "multi-thread" => Ok(Flavor::MultiThread),
            _ => Err(format!(
                "unknown runtime flavour `{text}`: \
                 expected current-thread or multi-thread"
            )),
        }
    }
}

/// How the server's runtime is built.
#[derive(Debug, Clone, Copy)]
pub struct RuntimeShape {
    pub flavor: Flavor,
    /// Worker threads (ignored by `current-thread`, which has exactly one).
    pub workers: usize,
    /// The most threads tokio's blocking pool may start (tokio's default is 512;
    /// FastAPI's thread pool has 40).
    pub blocking_threads: usize,
}

// ANCHOR: runtime
impl RuntimeShape {
    pub fn build(&self) -> io::Result<tokio::runtime::Runtime> {
        let mut builder = match self.flavor {
            Flavor::CurrentThread => tokio::runtime::Builder::new_current_thread(),
            Flavor::MultiThread => {
                let mut builder = tokio::runtime::Builder::new_multi_thread();
                builder.worker_threads(self.workers);
                builder
            }
        };
        builder
            .max_blocking_threads(self.blocking_threads)
            .enable_all()
            .build()
    }
}
// ANCHOR_END: runtime

/// How many finished TCP handshakes may wait for `accept`. Tokio's
/// `TcpListener::bind` leaves the choice to mio, which asks for 128 on Linux (the
/// standard library's value); when thousands of clients connect at once, a full
/// queue makes the kernel drop handshakes, and each dropped one costs its client a
/// retransmission a second later. Linux caps this at `net.core.somaxconn` (4,096
/// by default).
pub const ACCEPT_BACKLOG: u32 = 65_535;

/// Binds 127.0.0.1:`port` (0: the OS picks a free port) with a long accept queue.
pub fn listen_on_loopback(port: u16) -> io::Result<TcpListener> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(([127, 0, 0, 1], port).into())?;
    socket.listen(ACCEPT_BACKLOG)
}

/// How long open connections get to finish after shutdown is asked for.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

// ANCHOR: serve
/// Serves `router` on `listener` until `shutdown` completes, then lets open
/// connections finish (for at most [`SHUTDOWN_GRACE`]).
///
/// axum's own `axum::serve` would do, except that it keeps hyper's default limit of
/// 200 concurrent HTTP/2 streams per connection; the benchmark sends thousands on
/// one connection.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let mut http = auto::Builder::new(TokioExecutor::new());
    // For the benchmark only: no limit on the streams one client may open at once.
    // A public server keeps a limit, or any client can make it hold as many
    // requests as it likes on one connection (a denial of service).
    http.http2().max_concurrent_streams(None);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(error) => {
                    // Out of file descriptors, usually: back off instead of
                    // spinning; the client sees its connection time out and reports
                    // it.
                    eprintln!("accept failed: {error}");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Small responses: send them at once rather than waiting to fill a packet
        // (Nagle).
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection.into_owned());
        tokio::spawn(async move {
            // A client that goes away mid-request is not the server's error.
            let _ = connection.await;
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        eprintln!(
            "some connections were still open after {SHUTDOWN_GRACE:?}; closing them"
        );
    }
    Ok(())
}
// ANCHOR_END: serve

#[cfg(test)]
mod tests {
    use super::Flavor;

    #[test]
    fn flavours_parse_and_a_typo_is_explained() {
        assert_eq!("current-thread".parse(), Ok(Flavor::CurrentThread));
        assert_eq!("multi-thread".parse(), Ok(Flavor::MultiThread));
        let error = "multi".parse::<Flavor>().unwrap_err();
        assert!(error.contains("current-thread or multi-thread"), "{error}");
    }
}
