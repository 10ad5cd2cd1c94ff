//! Gives a mirror that failed a second try before counting its error, because
//! downloads fail now and then.
//!
//! kind: more-than-asked
//! caught-by: each_mirror_is_asked_exactly_once

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
    let download = &download;
    let mut downloads: FuturesUnordered<_> = mirrors
        .iter()
        .map(|&host| async move {
            // A second download from the same mirror: more than the task asks.
            match download(host).await {
                Ok(package) => Ok(package),
                Err(_) => download(host).await,
            }
        })
        .collect();
    let mut errors = Vec::new();
    while let Some(answer) = downloads.next().await {
        match answer {
            Ok(package) => return Ok(package),
            Err(error) => errors.push(error),
        }
    }
    Err(AllMirrorsFailed { errors })
}
