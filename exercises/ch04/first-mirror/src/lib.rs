//! # Exercise 4.4: the first mirror that answers
//!
//! A package manager can download a package from several mirrors. It asks all of
//! them at once and keeps the first good answer: a broken mirror that answers fast
//! must not win, and once a download has succeeded the others are stopped, so they
//! do not waste bandwidth. In Python you would loop over `asyncio.as_completed` (or
//! `asyncio.wait(..., FIRST_COMPLETED)`) and cancel the tasks still pending.
//!
//! Write [`download_from_first`]: ask every mirror **at the same time** and return
//! the first successful download. If every mirror fails, return all their errors, in
//! the order the mirrors failed.
//!
//! The checks (`cargo test -p ch04-first-mirror`) run on tokio's paused clock and
//! verify:
//! - the first *successful* download wins, at the moment it succeeds (asking the
//!   mirrors one after another, or stopping at a fast failure, gives another answer
//!   or another time);
//! - once one download has succeeded, no other download ever finishes;
//! - when every mirror fails, every error comes back, in the order of failure.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A download mirror. A download takes `latency`, and fails if the mirror is
/// `broken`.
#[derive(Debug, Clone)]
pub struct Mirror {
    pub host: &'static str,
    pub latency: Duration,
    pub broken: bool,
    /// A metric the service exports: downloads that ran to their end, successful or
    /// not.
    pub completed_downloads: Arc<AtomicUsize>,
}

/// A downloaded package.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    pub name: &'static str,
    pub from: &'static str,
}

/// Why one mirror failed.
#[derive(Debug, Clone, PartialEq)]
pub struct MirrorError {
    pub host: &'static str,
    pub reason: &'static str,
}

/// Every mirror failed; `errors` holds their errors in the order they failed.
#[derive(Debug, Clone, PartialEq)]
pub struct AllMirrorsFailed {
    pub errors: Vec<MirrorError>,
}

impl Mirror {
    /// Downloads `package` from this mirror. The network is simulated with
    /// `tokio::time::sleep`.
    pub async fn download(
        &self,
        package: &'static str,
    ) -> Result<Package, MirrorError> {
        tokio::time::sleep(self.latency).await;
        self.completed_downloads.fetch_add(1, Ordering::SeqCst);
        if self.broken {
            Err(MirrorError {
                host: self.host,
                reason: "checksum mismatch",
            })
        } else {
            Ok(Package {
                name: package,
                from: self.host,
            })
        }
    }
}

/// Asks every mirror at once for `package`; returns the first successful download,
/// or every error in the order of failure.
pub async fn download_from_first(
    mirrors: &[Mirror],
    package: &'static str,
) -> Result<Package, AllMirrorsFailed> {
    // TODO: start every download, take the answers as they come, return at the first
    // success.
    let _ = (mirrors, package);
    todo!("download from the first mirror that succeeds")
}
