//! Spawns each download as a task and returns at the first success, leaving the
//! other tasks downloading (dropped JoinHandles detach them).
//!
//! kind: leak
//! caught-by: no_download_finishes_after_the_winner

/// Downloads from every mirror at once with `download`; returns the first
/// successful download, or every error in the order of failure.
pub async fn download_from_first<Download, Answer>(
    mirrors: &[&'static str],
    download: Download,
) -> Result<Package, AllMirrorsFailed>
where
    Download: Fn(&'static str) -> Answer,
    // Added so that the downloads can be spawned.
    Answer: Future<Output = Result<Package, MirrorError>> + Send + 'static,
{
    let (answers, mut inbox) = tokio::sync::mpsc::unbounded_channel();
    for &host in mirrors {
        let answers = answers.clone();
        let downloading = download(host);
        tokio::spawn(async move {
            let _ = answers.send(downloading.await);
        });
    }
    drop(answers);
    let mut errors = Vec::new();
    while let Some(answer) = inbox.recv().await {
        match answer {
            // The other tasks keep downloading after this return.
            Ok(package) => return Ok(package),
            Err(error) => errors.push(error),
        }
    }
    Err(AllMirrorsFailed { errors })
}
