//! # Exercise 4.4: the first mirror that answers (solution)

use futures::StreamExt;
use futures::stream::FuturesUnordered;
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
    let mut downloads: FuturesUnordered<_> = mirrors
        .iter()
        .map(|mirror| mirror.download(package))
        .collect();
    let mut errors = Vec::new();
    // `next` yields the downloads in the order they finish.
    while let Some(answer) = downloads.next().await {
        match answer {
            // Returning drops `downloads`, and with it every download still in
            // progress.
            Ok(package) => return Ok(package),
            Err(error) => errors.push(error),
        }
    }
    Err(AllMirrorsFailed { errors })
}
