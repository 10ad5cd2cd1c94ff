//! The stamp that says which machine produced a measured number.

use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// A one-line description of this machine: CPU model and count, OS, architecture, compiler, date.
/// Example: `2 × AMD EPYC, linux x86_64, rustc 1.95.0, 2026-11-26`.
pub fn stamp() -> String {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    format!(
        "{cores} × {}, {} {}, {}, {}",
        cpu_model(),
        std::env::consts::OS,
        std::env::consts::ARCH,
        rustc_version(),
        today()
    )
}

/// The CPU model as the OS reports it, or `unknown CPU`.
pub fn cpu_model() -> String {
    let from_proc = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.split_whitespace().collect::<Vec<_>>().join(" "))
        });
    let from_sysctl = || {
        Command::new("sysctl")
            .args(["-n", "machdep.cpu.brand_string"])
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    from_proc
        .or_else(from_sysctl)
        .filter(|model| !model.is_empty())
        .unwrap_or_else(|| "unknown CPU".into())
}

/// `rustc 1.95.0`, from the toolchain that `rustc` runs here.
pub fn rustc_version() -> String {
    Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| {
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            let mut words = text.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .unwrap_or_else(|| "rustc (unknown version)".into())
}

/// The versions that the workspace's lockfile pins for `packages` (the first one, when several
/// versions of a package are locked), as `cargo metadata` resolves them: for stamps that name
/// the crates a measurement used. Packages cargo does not report are left out.
pub fn locked_versions(
    root: &std::path::Path,
    packages: &[&str],
) -> std::collections::BTreeMap<String, String> {
    let Ok(metadata) = cargo_metadata::MetadataCommand::new()
        .cargo_path(crate::workspace::cargo_program())
        .current_dir(root)
        .other_options(["--locked".to_string()])
        .exec()
    else {
        return Default::default();
    };
    let mut versions = std::collections::BTreeMap::new();
    for package in &metadata.packages {
        if packages.contains(&package.name.as_str()) {
            versions
                .entry(package.name.to_string())
                .or_insert_with(|| package.version.to_string());
        }
    }
    versions
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_from_days((seconds / 86_400) as i64);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Converts days since 1970-01-01 to a (year, month, day) date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// What a browser test prints when it cannot run, and the test command's summary says.
pub const NO_CHROMIUM: &str =
    "skipped: no Chromium on PATH (apt-get install chromium, or set COURSE_CHROMIUM)";

/// The Chromium the browser tests drive: `COURSE_CHROMIUM`, or `chromium` (Debian's package)
/// or another Chromium-based browser found on `PATH`.
pub fn chromium() -> Option<std::path::PathBuf> {
    if let Some(path) = std::env::var_os("COURSE_CHROMIUM") {
        return Some(std::path::PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_418), (2025, 11, 26));
    }
}
