//! The grading workspace: a Cargo workspace that the grader writes under the target
//! directory, outside the student's reach. For each exercise it holds one library crate per
//! graded variant (the student's code, the starter, the solution, each wrong answer), built with
//! the dependencies the course's manifest gives, and one test crate that runs the course's
//! checks against every variant, each in its own module.
//!
//! Nothing the student can edit decides what is checked: the checks, the manifests and the
//! test targets are the course's. Only the library's source is the student's.

use super::{Plan, Variant};
use anyhow::{Context, Result, bail};
use course::Workspace;
use std::fs::File;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// A grading workspace, locked for the time of one grading run.
pub struct Harness {
    pub dir: PathBuf,
    _lock: File,
}

/// The crates written for one plan.
pub struct Written {
    /// The test crate's package name.
    pub checks_package: String,
    pub checks_manifest: PathBuf,
    /// The library crate of each variant, in the plan's order: package name and manifest.
    pub libs: Vec<(String, PathBuf)>,
}

impl Harness {
    /// Opens (and creates) `<target>/course-grading/<slot>`, waiting for another grading run
    /// that uses the same slot to finish.
    pub fn open(workspace: &Workspace, slot: &str) -> Result<Self> {
        let dir = workspace.target("course-grading").join(slot);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create the grading folder {}", dir.display()))?;
        let lock = File::create(dir.join(".lock"))?;
        lock.lock()
            .context("cannot lock the grading folder (another grading run?)")?;
        Ok(Self { dir, _lock: lock })
    }

    /// Writes the workspace for `plans`: only files whose content changed are rewritten, so
    /// that cargo rebuilds only what changed since the last grading run.
    pub fn write(&self, workspace: &Workspace, plans: &[Plan]) -> Result<Vec<Written>> {
        let root_manifest: Table =
            toml::from_str(&course::read(&workspace.root.join("Cargo.toml"))?)
                .context("the workspace's Cargo.toml is not valid TOML")?;
        let mut members = Vec::new();
        let mut written = Vec::new();
        for plan in plans {
            let mut libs = Vec::new();
            let checks_manifest = self.checks_dir(plan).join("Cargo.toml");
            for variant in &plan.variants {
                if variant.is_inline() {
                    // A module of the test crate (see `write_checks`): no crate of its own.
                    libs.push((String::new(), checks_manifest.clone()));
                    continue;
                }
                let (package, dir) = self.write_lib(plan, variant)?;
                members.push(relative(&self.dir, &dir));
                libs.push((package, dir.join("Cargo.toml")));
            }
            let (checks_package, dir) = self.write_checks(plan, &libs)?;
            members.push(relative(&self.dir, &dir));
            written.push(Written {
                checks_package,
                checks_manifest: dir.join("Cargo.toml"),
                libs,
            });
        }
        let manifest = workspace_manifest(&workspace.root, &root_manifest, &members)?;
        write_if_changed(&self.dir.join("Cargo.toml"), &manifest)?;
        // The course's lockfile, so that the grader builds with exactly the locked versions
        // (cargo adds the graded crates to this copy).
        let lock = course::read(&workspace.root.join("Cargo.lock"))?;
        write_if_changed(&self.dir.join("Cargo.lock"), &lock)?;
        let toolchain = workspace.root.join("rust-toolchain.toml");
        if toolchain.is_file() {
            write_if_changed(
                &self.dir.join("rust-toolchain.toml"),
                &course::read(&toolchain)?,
            )?;
        }
        Ok(written)
    }

    fn write_lib(&self, plan: &Plan, variant: &Variant) -> Result<(String, PathBuf)> {
        let exercise = &plan.exercise;
        let package = format!("graded-{}-{}", exercise.package, variant.role.slug());
        let dir = self.dir.join("libs").join(&package);
        let lib_path = match &variant.lib {
            super::LibSource::File(path) => path.clone(),
            super::LibSource::Text(text) => {
                let path = dir.join("src/lib.rs");
                write_if_changed(&path, text)?;
                path
            }
        };
        let mut manifest = Table::new();
        manifest.insert("package".into(), package_table(&package));
        let mut lib = Table::new();
        lib.insert("name".into(), Value::String(package.replace('-', "_")));
        lib.insert("path".into(), Value::String(lib_path.display().to_string()));
        lib.insert("test".into(), Value::Boolean(false));
        lib.insert("doctest".into(), Value::Boolean(false));
        manifest.insert("lib".into(), Value::Table(lib));
        let mut dependencies = plan.canonical.dependencies.clone();
        for (name, entry) in &variant.dependencies {
            dependencies.insert(name.clone(), entry.clone());
        }
        manifest.insert("dependencies".into(), Value::Table(dependencies));
        write_if_changed(&dir.join("Cargo.toml"), &toml::to_string(&manifest)?)?;
        Ok((package, dir))
    }

    fn checks_dir(&self, plan: &Plan) -> PathBuf {
        self.dir
            .join("checks")
            .join(format!("graded-{}-checks", plan.exercise.package))
    }

    fn write_checks(&self, plan: &Plan, libs: &[(String, PathBuf)]) -> Result<(String, PathBuf)> {
        let exercise = &plan.exercise;
        let package = format!("graded-{}-checks", exercise.package);
        let dir = self.checks_dir(plan);
        write_if_changed(&dir.join("checks-src.rs"), &plan.canonical.checks)?;

        let mut source = format!(
            "//! Written by the grader: the course's checks for `{}` (checks-src.rs), run against\n\
             //! each graded crate in a module of its own.\n",
            exercise.package
        );
        let mut dev_dependencies = merge_dependencies(
            &plan.canonical.dependencies,
            &plan.canonical.dev_dependencies,
        );
        for (variant, (lib_package, lib_manifest)) in plan.variants.iter().zip(libs) {
            // A variant that runs some checks only is compiled with those alone (a wrong
            // answer runs the one that must catch it): a test crate per exercise stays small.
            let checks_file = match &variant.only {
                None => "checks-src.rs".to_string(),
                Some(only) => {
                    let file = format!("checks-{}.rs", variant.role.slug());
                    write_if_changed(
                        &dir.join(&file),
                        &crate::patch::keep_tests(&plan.canonical.checks, only)?,
                    )?;
                    file
                }
            };
            if let (true, super::LibSource::Text(text)) = (variant.is_inline(), &variant.lib) {
                // Compiled as a module of the test crate: a crate of its own per wrong answer
                // would cost a compiler run each.
                let lib = dir.join(variant.role.slug()).join("lib.rs");
                write_if_changed(&lib, text)?;
                for (name, entry) in &variant.dependencies {
                    dev_dependencies.insert(name.clone(), entry.clone());
                }
                source.push_str(&format!(
                    "\n#[allow(dead_code, unused_imports)]\nmod {} {{\n    #[path = {:?}]\n    mod {};\n    include!(\"{checks_file}\");\n}}\n",
                    variant.role.module(),
                    lib.display().to_string(),
                    exercise.lib_name
                ));
                continue;
            }
            let crate_name = lib_package.replace('-', "_");
            let mut dependency = Table::new();
            dependency.insert("package".into(), Value::String(lib_package.clone()));
            dependency.insert(
                "path".into(),
                Value::String(lib_manifest.parent().unwrap().display().to_string()),
            );
            dev_dependencies.insert(crate_name.clone(), Value::Table(dependency));
            source.push_str(&format!(
                "\n#[allow(dead_code, unused_imports)]\nmod {} {{\n    use ::{crate_name} as {};\n    include!(\"{checks_file}\");\n}}\n",
                variant.role.module(),
                exercise.lib_name
            ));
        }
        write_if_changed(&dir.join("checks.rs"), &source)?;

        let mut manifest = Table::new();
        let mut package_table = package_table(&package);
        if let Value::Table(table) = &mut package_table {
            for auto in ["autobins", "autoexamples", "autotests", "autobenches"] {
                table.insert(auto.into(), Value::Boolean(false));
            }
        }
        manifest.insert("package".into(), package_table);
        let mut test = Table::new();
        test.insert("name".into(), Value::String(exercise.package.clone()));
        test.insert("path".into(), Value::String("checks.rs".into()));
        manifest.insert("test".into(), Value::Array(vec![Value::Table(test)]));
        manifest.insert("dev-dependencies".into(), Value::Table(dev_dependencies));
        write_if_changed(&dir.join("Cargo.toml"), &toml::to_string(&manifest)?)?;
        Ok((package, dir))
    }
}

fn package_table(name: &str) -> Value {
    let mut package = Table::new();
    package.insert("name".into(), Value::String(name.into()));
    package.insert("version".into(), Value::String("0.0.0".into()));
    package.insert("edition".into(), Value::String("2024".into()));
    package.insert("publish".into(), Value::Boolean(false));
    Value::Table(package)
}

/// The dependencies and the dev-dependencies of an exercise, as one table: an entry in both
/// (tokio, with `test-util` for the checks) gets the features of both.
fn merge_dependencies(dependencies: &Table, dev_dependencies: &Table) -> Table {
    let mut merged = dependencies.clone();
    for (name, dev) in dev_dependencies {
        let combined = match (merged.get(name), dev) {
            (Some(Value::Table(normal)), Value::Table(dev)) => {
                let mut table = normal.clone();
                for (key, value) in dev {
                    if key == "features" {
                        let mut features: Vec<Value> = table
                            .get("features")
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default();
                        for feature in value.as_array().into_iter().flatten() {
                            if !features.contains(feature) {
                                features.push(feature.clone());
                            }
                        }
                        table.insert(key.clone(), Value::Array(features));
                    } else {
                        table.insert(key.clone(), value.clone());
                    }
                }
                Value::Table(table)
            }
            _ => dev.clone(),
        };
        merged.insert(name.clone(), combined);
    }
    merged
}

/// The grading workspace's manifest: the course's workspace dependencies (paths made
/// absolute) and build profile, so that the dependencies the course already built are reused.
fn workspace_manifest(root: &Path, root_manifest: &Table, members: &[String]) -> Result<String> {
    let Some(Value::Table(course_workspace)) = root_manifest.get("workspace") else {
        bail!("the course's Cargo.toml has no [workspace]");
    };
    let mut dependencies = course_workspace
        .get("dependencies")
        .and_then(Value::as_table)
        .cloned()
        .unwrap_or_default();
    for (_, dependency) in dependencies.iter_mut() {
        if let Some(Value::String(path)) = dependency.as_table_mut().and_then(|t| t.get_mut("path"))
        {
            *path = root.join(path.as_str()).display().to_string();
        }
    }
    let mut workspace = Table::new();
    workspace.insert("resolver".into(), Value::String("3".into()));
    workspace.insert(
        "members".into(),
        Value::Array(members.iter().cloned().map(Value::String).collect()),
    );
    workspace.insert("dependencies".into(), Value::Table(dependencies));
    let mut manifest = Table::new();
    manifest.insert("workspace".into(), Value::Table(workspace));
    if let Some(Value::Table(profiles)) = root_manifest.get("profile") {
        manifest.insert("profile".into(), Value::Table(shared_profiles(profiles)));
    }
    Ok(format!(
        "# Written by `cargo xtask` to grade exercises; rewritten on every grading run.\n{}",
        toml::to_string(&manifest)?
    ))
}

/// The profiles without overrides for named packages of the course (they do not exist here),
/// keeping the one for every dependency (`"*"`).
fn shared_profiles(profiles: &Table) -> Table {
    let mut shared = profiles.clone();
    for (_, profile) in shared.iter_mut() {
        if let Some(Value::Table(packages)) =
            profile.as_table_mut().and_then(|p| p.get_mut("package"))
        {
            packages.retain(|name, _| name == "*");
        }
    }
    shared
}

fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Writes `text` to `path` unless it already holds it (cargo decides what to rebuild from
/// modification times).
pub fn write_if_changed(path: &Path, text: &str) -> Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_dependencies_add_features_to_dependencies() {
        let normal: Table =
            toml::from_str("tokio = { workspace = true }\nfutures = \"0.3\"").unwrap();
        let dev: Table = toml::from_str(
            "tokio = { workspace = true, features = [\"test-util\"] }\ncourse-testkit = { workspace = true }",
        )
        .unwrap();
        let merged = merge_dependencies(&normal, &dev);
        assert_eq!(merged["tokio"]["features"].as_array().unwrap().len(), 1);
        assert!(merged.contains_key("futures") && merged.contains_key("course-testkit"));
    }

    #[test]
    fn only_the_profile_for_every_dependency_is_kept() {
        let profiles: Table = toml::from_str(
            "[dev]\ndebug = 1\n[dev.package.\"*\"]\ndebug = false\n[dev.package.listing-01-01]\nopt-level = 3",
        )
        .unwrap();
        let shared = shared_profiles(&profiles);
        let packages = shared["dev"]["package"].as_table().unwrap();
        assert_eq!(packages.keys().collect::<Vec<_>>(), ["*"]);
    }
}
