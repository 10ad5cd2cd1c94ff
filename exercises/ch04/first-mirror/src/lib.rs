//! # Exercise 4.4: the first mirror that answers
//!
//! A package manager can download a package from several mirrors. It asks all of
//! them at once and keeps the first good answer: a broken mirror that answers fast
//! must not win, and once a download has succeeded the others are stopped, so they
//! do not waste bandwidth. In Python you would loop over `asyncio.as_completed` (or
//! `asyncio.wait(..., return_when=FIRST_COMPLETED)`) and cancel the tasks still
//! pending.
//!
//! Write [`download_from_first`]: call `download` once for each mirror (no retries)
//! and run all those downloads **at the same time**.
//! - Return the first *successful* download, at the moment it succeeds, wherever
//!   its mirror is in the list. A failed download is not the end: wait for the next.
//! - Once a download has succeeded, stop every other one: none may finish
//!   afterwards, and no task may be left running.
//! - If every mirror fails, return all their errors, in the order the mirrors
//!   failed.
//! - No mirrors: `AllMirrorsFailed` with no errors, at once.
//!
//! Run `cargo xtask check ch04-first-mirror` to see what the checks verify.

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
    // TODO: start every download, take the answers as they come, return at the first
    // success.
    let _ = (mirrors, download);
    todo!("download from the first mirror that succeeds")
}
