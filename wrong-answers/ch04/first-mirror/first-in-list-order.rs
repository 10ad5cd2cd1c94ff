//! Waits for every download, then takes the first success in the order of the
//! list, as if the first mirror listed were the fastest.
//!
//! kind: friendly-inputs
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
    let answers =
        futures::future::join_all(mirrors.iter().map(|&host| download(host))).await;
    let mut errors = Vec::new();
    for answer in answers {
        match answer {
            Ok(package) => return Ok(package),
            Err(error) => errors.push(error),
        }
    }
    Err(AllMirrorsFailed { errors })
}
