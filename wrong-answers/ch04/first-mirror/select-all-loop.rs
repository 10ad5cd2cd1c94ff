//! Races the downloads with futures::future::select_all in a loop, which panics
//! when there is no mirror at all.
//!
//! kind: edge-case
//! caught-by: no_mirror_means_no_package_at_once

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
    let mut pending: Vec<_> = mirrors
        .iter()
        .map(|&host| Box::pin(download(host)))
        .collect();
    let mut errors = Vec::new();
    loop {
        // select_all asserts that its list is not empty.
        let (answer, _, rest) = futures::future::select_all(pending).await;
        match answer {
            Ok(package) => return Ok(package),
            Err(error) => errors.push(error),
        }
        if rest.is_empty() {
            return Err(AllMirrorsFailed { errors });
        }
        pending = rest;
    }
}
