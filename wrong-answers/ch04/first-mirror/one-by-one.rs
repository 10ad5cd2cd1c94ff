//! Asks the mirrors one after another.
//!
//! kind: sequential
//! caught-by: the_first_successful_download_wins_when_it_succeeds

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
    // Each mirror is asked only after the previous one has failed.
    let mut errors = Vec::new();
    for mirror in mirrors {
        match mirror.download(package).await {
            Ok(package) => return Ok(package),
            Err(error) => errors.push(error),
        }
    }
    Err(AllMirrorsFailed { errors })
}
