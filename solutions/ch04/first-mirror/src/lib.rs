//! # Exercise 4.4: the first mirror that answers (solution)

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use std::future::Future;

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

/// Downloads from every mirror at once with `download`; returns the first
/// successful download, or every error in the order of failure.
pub async fn download_from_first<Download, Answer>(
    mirrors: &[&'static str],
    download: Download,
) -> Result<Package, AllMirrorsFailed>
where
    Download: Fn(&'static str) -> Answer,
    Answer: Future<Output = Result<Package, MirrorError>>,
{
    let mut downloads: FuturesUnordered<_> =
        mirrors.iter().map(|&host| download(host)).collect();
    let mut errors = Vec::new();
    // `next` yields the downloads' answers in the order they finish.
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
