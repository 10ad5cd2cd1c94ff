//! Spawns each download as a detached task, so the losers keep downloading.
//!
//! kind: leak
//! caught-by: the_other_downloads_are_stopped_once_one_succeeds

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
    // Each download runs in a detached task: the losers keep downloading.
    let (answers, mut inbox) = tokio::sync::mpsc::unbounded_channel();
    for mirror in mirrors.iter().cloned() {
        let answers = answers.clone();
        tokio::spawn(async move {
            let _ = answers.send(mirror.download(package).await);
        });
    }
    drop(answers);
    let mut errors = Vec::new();
    while let Some(answer) = inbox.recv().await {
        match answer {
            Ok(package) => return Ok(package),
            Err(error) => errors.push(error),
        }
    }
    Err(AllMirrorsFailed { errors })
}
