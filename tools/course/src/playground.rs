//! Which ```` ```rust ```` blocks get mdBook's Run button, which sends the block to the public
//! Rust Playground. The playground has the most downloaded crates of the registry, tokio among
//! them with its `full` and `test-util` features (tokio's `[package.metadata.playground]`), and
//! futures; it has none of this workspace's crates. So a block runs there only if it is a whole
//! program that needs nothing else: an inline snippet (the doctests that test them see only
//! tokio and futures), or an included listing whose crate depends on those two alone and whose
//! program is the one file the page shows.
//!
//! Every other block (compile-fail cases, `no_run` servers, listings with other dependencies or
//! more files) is marked `noplayground` when the book is built, so no page offers a Run button
//! that cannot work. Nothing is marked by hand.

use crate::pages::{CodeBlock, Page, code_blocks};
use anyhow::{Result, bail};
use std::path::Path;

/// The crates the playground offers that a runnable block may use, besides the standard library.
pub const PLAYGROUND_CRATES: [&str; 2] = ["tokio", "futures"];

/// The attribute that takes mdBook's Run button away from a block.
pub const NO_PLAYGROUND: &str = "noplayground";

/// Whether `block` of the page at `page_path` can run on the playground as the page shows it;
/// `Err` says why not.
pub fn runnable(block: &CodeBlock, page_path: &Path) -> Result<(), String> {
    if !block.is_rust() {
        return Err("not Rust".into());
    }
    for attribute in ["compile_fail", "no_run", "should_panic", NO_PLAYGROUND] {
        if block.has_attribute(attribute) {
            return Err(format!("marked `{attribute}`"));
        }
    }
    if !block.is_include_only() {
        return Ok(());
    }
    for include in block.includes() {
        let file = include.resolve(page_path);
        let program = std::fs::read_to_string(&file)
            .map_err(|_| format!("{} cannot be read", include.path))?;
        if !program.contains("fn main(") {
            return Err(format!("{} is not a whole program", include.path));
        }
        if program
            .lines()
            .any(|line| line.trim_start().starts_with("mod ") && line.trim_end().ends_with(';'))
        {
            return Err(format!("{} needs other files (`mod …;`)", include.path));
        }
        let manifest =
            crate_manifest(&file).ok_or_else(|| format!("{} is in no crate", include.path))?;
        let dependencies = dependencies(&manifest)?;
        if let Some(other) = dependencies
            .iter()
            .find(|d| !PLAYGROUND_CRATES.contains(&d.as_str()))
        {
            return Err(format!("its crate depends on `{other}`"));
        }
    }
    Ok(())
}

/// The `Cargo.toml` of the crate a source file belongs to.
fn crate_manifest(file: &Path) -> Option<std::path::PathBuf> {
    file.ancestors()
        .skip(1)
        .map(|dir| dir.join("Cargo.toml"))
        .find(|manifest| manifest.is_file())
}

/// The names of a manifest's `[dependencies]` (not its dev-dependencies: the playground's Run
/// builds the program, not its tests).
fn dependencies(manifest: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let parsed: toml::Table = toml::from_str(&text)
        .map_err(|e| format!("{} is not valid TOML: {e}", manifest.display()))?;
    Ok(parsed
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .map(|table| table.keys().cloned().collect())
        .unwrap_or_default())
}

/// `rendered` (the page after mdBook expanded its includes) with `noplayground` added to every
/// Rust block of `source` (the same page before) that cannot run on the playground. The two
/// texts have the same code blocks in the same order: includes change bodies, not fences.
pub fn mark(source: &Page, rendered: &str) -> Result<String> {
    let from_source: Vec<CodeBlock> = code_blocks(&source.text)
        .into_iter()
        .filter(CodeBlock::is_rust)
        .collect();
    let in_rendered: Vec<CodeBlock> = code_blocks(rendered)
        .into_iter()
        .filter(CodeBlock::is_rust)
        .collect();
    if from_source.len() != in_rendered.len() {
        bail!(
            "src/{}: {} Rust blocks in the source but {} once includes are expanded; an \
             included file must not contain a Markdown fence",
            source.name,
            from_source.len(),
            in_rendered.len()
        );
    }
    let mut result = String::with_capacity(rendered.len() + 64);
    let mut copied = 0;
    for (original, block) in from_source.iter().zip(&in_rendered) {
        if runnable(original, &source.path).is_ok() || block.has_attribute(NO_PLAYGROUND) {
            continue;
        }
        // The info string ends the fence's first line.
        let fence_end = block.span.start
            + rendered[block.span.start..]
                .find('\n')
                .unwrap_or(block.span.len());
        result.push_str(&rendered[copied..fence_end]);
        result.push(',');
        result.push_str(NO_PLAYGROUND);
        copied = fence_end;
    }
    result.push_str(&rendered[copied..]);
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Page {
        let root = crate::workspace_root();
        Page {
            name: "test.md".into(),
            path: root.join("src/test.md"),
            text: text.into(),
        }
    }

    #[test]
    fn inline_blocks_run_and_others_are_marked() {
        let source = "```rust\nfn main() {}\n```\n\n```rust,no_run\nfn main() {}\n```\n\n\
                      ```text\nout\n```\n\n```rust,compile_fail\n{{#include x.rs}}\n```\n";
        let rendered = source.replace("{{#include x.rs}}", "fn main() { let x: u8 = 300; }");
        let marked = mark(&page(source), &rendered).unwrap();
        assert_eq!(
            marked,
            rendered
                .replace("```rust,no_run", "```rust,no_run,noplayground")
                .replace("```rust,compile_fail", "```rust,compile_fail,noplayground")
        );
    }

    #[test]
    fn a_listing_runs_only_if_its_crate_needs_nothing_the_playground_lacks() {
        let root = crate::workspace_root();
        let verdict = |include: &str| {
            let text = format!("```rust\n{{{{#rustdoc_include {include}}}}}\n```\n");
            let block = code_blocks(&text).remove(0);
            runnable(&block, &root.join("src/page.md"))
        };
        // Listing 3-1 needs tokio alone; chapter 8's harness has a dozen dependencies.
        assert_eq!(
            verdict("../listings/ch03/listing-03-01/src/main.rs"),
            Ok(())
        );
        let refused = verdict("../listings/ch08/bench/src/bin/matrix.rs").unwrap_err();
        assert!(refused.contains("depends on"), "{refused}");
    }
}
