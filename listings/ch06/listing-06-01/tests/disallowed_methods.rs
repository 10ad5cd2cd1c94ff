//! clippy's `disallowed_methods`, configured in `listings/ch06/clippy-fixture/clippy.toml`,
//! rejects the fixture's blocking calls with the message pinned in `clippy.stderr`.

use std::path::Path;
use std::process::Command;

#[test]
fn clippy_rejects_blocking_calls_with_the_pinned_message() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let has_clippy = Command::new(&cargo)
        .args(["clippy", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !has_clippy {
        eprintln!("skipped: clippy is not installed (rustup component add clippy)");
        return;
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../clippy-fixture");
    // A target directory of its own: the one `cargo test` holds is locked until it ends.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ch06-clippy-fixture");
    let output = Command::new(&cargo)
        .args([
            "clippy",
            "--quiet",
            "--locked",
            "--offline",
            "--manifest-path",
        ])
        .arg(fixture.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .args(["--", "-D", "warnings"])
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .expect("cargo runs");
    let messages = String::from_utf8_lossy(&output.stderr);
    let pinned = std::fs::read_to_string(fixture.join("clippy.stderr"))
        .expect("listings/ch06/clippy-fixture/clippy.stderr exists");
    assert!(
        !output.status.success(),
        "clippy accepted the blocking calls"
    );
    assert_eq!(
        messages.trim_end(),
        pinned.trim_end(),
        "clippy's message changed. If the new one is right, write it into \
         listings/ch06/clippy-fixture/clippy.stderr: cargo clippy --quiet \
         --manifest-path listings/ch06/clippy-fixture/Cargo.toml -- -D warnings \
         2> listings/ch06/clippy-fixture/clippy.stderr"
    );
}
