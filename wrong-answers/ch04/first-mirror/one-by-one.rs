//! Asks the mirrors one after another, in the order of the list.
//!
//! kind: sequential
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
    // Each mirror is asked only after the previous one has failed.
    let mut errors = Vec::new();
    for &host in mirrors {
        match download(host).await {
            Ok(package) => return Ok(package),
            Err(error) => errors.push(error),
        }
    }
    Err(AllMirrorsFailed { errors })
}
