//! Where things are at run time: the course's folder, cargo's target folder, the
//! server and client binaries. Nothing here comes from paths baked in at compile
//! time: a clone may be moved, and its target folder may be anywhere
//! (`CARGO_TARGET_DIR`).

use crate::processes::{Binaries, Stderr, run_bounded};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// How long a release build of the benchmark may take on a slow machine.
const BUILD_PATIENCE: Duration = Duration::from_secs(1800);

/// The course's root folder, found at run time ([`course::find_root`]: from the
/// package folder cargo names when it runs us, else from the current folder).
pub fn current_root() -> Result<PathBuf, String> {
    course::find_root().map_err(|e| e.to_string())
}

/// `cargo`, the one that started us when there is one, run in `root`.
pub fn cargo(root: &Path) -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(program);
    command.current_dir(root);
    command
}

/// Builds the server and the client in release mode and returns where cargo put
/// them, as cargo itself reports it. Compiler messages are shown as they come.
pub fn build_release_binaries(root: &Path) -> Result<Binaries, String> {
    let mut build = cargo(root);
    build.args([
        "build",
        "--release",
        "--quiet",
        "--package",
        "bench",
        "--bin",
        "server",
        "--bin",
        "client",
        "--message-format=json-render-diagnostics",
    ]);
    let messages = run_bounded(build, BUILD_PATIENCE, Stderr::Inherit)
        .map_err(|e| format!("cannot build the server and the client: {e}"))?;
    let executable = |name: &str| {
        executable_named(&messages, name).ok_or_else(|| {
            format!("cargo built no `{name}` binary (its messages are above)")
        })
    };
    Ok(Binaries {
        server: executable("server")?,
        client: executable("client")?,
    })
}

/// One line of cargo's JSON messages, the fields we read.
#[derive(Deserialize)]
struct Message {
    reason: String,
    target: Option<Target>,
    executable: Option<PathBuf>,
}

#[derive(Deserialize)]
struct Target {
    name: String,
}

/// The executable of the binary target `name` in cargo's JSON messages
/// (`compiler-artifact` lines, one per line, also for targets already up to date).
fn executable_named(messages: &str, name: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<Message>(line).ok())
        .filter(|message| message.reason == "compiler-artifact")
        .filter(|message| message.target.as_ref().is_some_and(|t| t.name == name))
        .find_map(|message| message.executable)
}

/// Cargo's target folder for the workspace at `root` (`target/` unless
/// `CARGO_TARGET_DIR` or a config says otherwise).
pub fn target_directory(root: &Path) -> Result<PathBuf, String> {
    #[derive(Deserialize)]
    struct Metadata {
        target_directory: PathBuf,
    }
    let mut metadata = cargo(root);
    metadata.args(["metadata", "--format-version", "1", "--no-deps"]);
    let printed = run_bounded(metadata, Duration::from_secs(120), Stderr::Capture)?;
    serde_json::from_str::<Metadata>(&printed)
        .map(|metadata| metadata.target_directory)
        .map_err(|e| format!("cannot read `cargo metadata`'s answer: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_found_at_run_time() {
        let root = current_root().expect("the tests run inside the course");
        assert!(root.join("listings/ch08/bench/Cargo.toml").is_file());
    }

    #[test]
    fn executables_are_read_from_cargo_messages() {
        let messages = concat!(
            r#"{"reason":"compiler-artifact","target":{"name":"bench","kind":["lib"]},"executable":null}"#,
            "\n",
            r#"{"reason":"compiler-artifact","target":{"name":"server","kind":["bin"]},"executable":"/elsewhere/release/server"}"#,
            "\n",
            r#"{"reason":"build-finished","success":true}"#,
            "\n"
        );
        assert_eq!(
            executable_named(messages, "server"),
            Some(PathBuf::from("/elsewhere/release/server"))
        );
        assert_eq!(executable_named(messages, "client"), None);
    }
}
