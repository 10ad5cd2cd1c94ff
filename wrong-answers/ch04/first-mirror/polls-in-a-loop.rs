//! Polls every download in turn with now_or_never, yielding between rounds, until
//! one succeeds or all have failed.
//!
//! kind: busy-wait
//! caught-by: waits_for_the_downloads_without_spinning

use futures::FutureExt;

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
    let mut downloads: Vec<_> = mirrors
        .iter()
        .map(|&host| Some(Box::pin(download(host))))
        .collect();
    let mut errors = Vec::new();
    while downloads.iter().any(Option::is_some) {
        for slot in &mut downloads {
            let Some(answer) = slot.as_mut().and_then(|d| d.as_mut().now_or_never())
            else {
                continue;
            };
            *slot = None;
            match answer {
                Ok(package) => return Ok(package),
                Err(error) => errors.push(error),
            }
        }
        // Round and round: asks again instead of waiting to be woken.
        tokio::task::yield_now().await;
    }
    Err(AllMirrorsFailed { errors })
}
