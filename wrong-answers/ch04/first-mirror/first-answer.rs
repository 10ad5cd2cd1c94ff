//! Returns the first answer, even when it is an error.
//!
//! kind: error-handling
//! caught-by: the_first_successful_download_wins_when_it_succeeds

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
    // The first answer wins, even when it is an error.
    let mut downloads: FuturesUnordered<_> =
        mirrors.iter().map(|&host| download(host)).collect();
    match downloads.next().await {
        Some(Ok(package)) => Ok(package),
        Some(Err(error)) => Err(AllMirrorsFailed {
            errors: vec![error],
        }),
        None => Err(AllMirrorsFailed { errors: Vec::new() }),
    }
}
