//! Listings: one crate each, under `listings/<chapter>/listing-NN-MM/`.

use std::path::{Path, PathBuf};

/// The folder that holds the compile-fail cases (a trybuild test crate).
pub const COMPILE_FAIL_DIR: &str = "listings/compile-fail";

/// A listing crate.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The package name, which is also the binary name (`listing-01-02`).
    pub name: String,
    pub dir: PathBuf,
}

impl Listing {
    /// The pattern the program's output must match.
    pub fn output_file(&self) -> PathBuf {
        self.dir.join("output.txt")
    }

    /// The literal output of one real run, for listings that measure real time.
    pub fn recorded_run_file(&self) -> PathBuf {
        self.dir.join("recorded-run.txt")
    }

    /// Whether the listing measures real time. Declared once, by its `output.txt`: a pattern
    /// with [`crate::output::WILDCARD`] where a value changes between runs. Its build profile
    /// and its `recorded-run.txt` follow from it.
    pub fn measures_real_time(&self) -> bool {
        std::fs::read_to_string(self.output_file())
            .is_ok_and(|text| text.contains(crate::output::WILDCARD))
    }
}

/// Every listing crate, sorted by name.
pub fn listings(root: &Path) -> Vec<Listing> {
    let mut found: Vec<Listing> = crate::subdirs(&root.join("listings"))
        .iter()
        .flat_map(|chapter| crate::subdirs(chapter))
        .filter(|dir| dir.join("Cargo.toml").is_file())
        .filter(|dir| {
            dir.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("listing-"))
        })
        .map(|dir| Listing {
            name: dir.file_name().unwrap().to_string_lossy().into_owned(),
            dir,
        })
        .collect();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// Every compile-fail case (`.rs` file in `listings/compile-fail/cases`), sorted.
pub fn compile_fail_cases(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join(COMPILE_FAIL_DIR).join("cases")) else {
        return Vec::new();
    };
    let mut cases: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    cases.sort();
    cases
}

/// A Python program shown beside a Rust listing (`listings/<chapter>/python/<name>.py`), run
/// with `python3` and recorded like a listing that measures real time.
#[derive(Debug, Clone)]
pub struct PythonListing {
    /// `ch01/python/gil-threads.py`
    pub name: String,
    pub path: PathBuf,
}

impl PythonListing {
    /// The packages the program needs beyond the standard library, from its lines
    /// `# requires: pydantic==2.13.4` (one package per line, as pip reads it).
    pub fn requirements(&self) -> anyhow::Result<Vec<String>> {
        let text = crate::read(&self.path)?;
        Ok(text
            .lines()
            .filter_map(|line| line.strip_prefix("# requires:"))
            .map(|requirement| requirement.trim().to_owned())
            .collect())
    }

    /// The pattern its output must match (`<name>.output.txt`).
    pub fn output_file(&self) -> PathBuf {
        self.path.with_extension("output.txt")
    }

    /// One real run, stamped with the machine (`<name>.recorded-run.txt`).
    pub fn recorded_run_file(&self) -> PathBuf {
        self.path.with_extension("recorded-run.txt")
    }
}

/// Every Python program under `listings/*/python/`, sorted.
pub fn python_listings(root: &Path) -> Vec<PythonListing> {
    let mut found = Vec::new();
    for chapter in crate::subdirs(&root.join("listings")) {
        let Ok(entries) = std::fs::read_dir(chapter.join("python")) else {
            continue;
        };
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.extension().is_some_and(|e| e == "py") {
                let name = path
                    .strip_prefix(root.join("listings"))
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                found.push(PythonListing { name, path });
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}
