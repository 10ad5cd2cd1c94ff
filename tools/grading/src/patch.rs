//! A wrong answer is written as the items it changes in the solution: usually one function.
//! This module puts those items in place of the solution's items of the same name, keeping
//! every other line of the solution as it is.

use anyhow::{Context, Result, bail};
use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Item, UseTree};

/// The solution's source with the wrong answer's items in place of the items of the same name
/// (a function, a type, a constant). An `impl` block of the wrong answer changes the solution's
/// `impl` block for the same type (and trait) method by method: a wrong answer keeps only the
/// method it gets wrong. Items of the wrong answer that the solution does not have are added
/// at the end; its `use` lines are added unless the solution has the same one. Its `//!`
/// header is left out.
pub fn apply(solution: &str, wrong: &str) -> Result<String> {
    let solution_file = syn::parse_file(solution).context("the solution does not parse")?;
    let wrong_file = syn::parse_file(wrong).context("the wrong answer does not parse")?;
    let solution_items: Vec<(Option<String>, &Item)> = solution_file
        .items
        .iter()
        .map(|item| (key(item), item))
        .collect();
    let solution_uses: Vec<String> = solution_file
        .items
        .iter()
        .filter(|item| matches!(item, Item::Use(_)))
        .map(tokens)
        .collect();

    let mut replacements: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut added_uses = String::new();
    let mut appended = String::new();
    for item in &wrong_file.items {
        let text = &wrong[range(item.span(), wrong)?];
        if let Item::Use(_) = item {
            if !solution_uses.contains(&tokens(item)) {
                added_uses.push_str(text);
                added_uses.push('\n');
            }
            continue;
        }
        let Some(wanted) = key(item) else {
            appended.push('\n');
            appended.push_str(text);
            appended.push('\n');
            continue;
        };
        match solution_items
            .iter()
            .find(|(existing, _)| existing.as_ref() == Some(&wanted))
        {
            Some((_, Item::Impl(original))) => {
                let Item::Impl(changes) = item else {
                    bail!("`{wanted}` is an impl block in the solution");
                };
                replacements.extend(patch_impl(original, changes, solution, wrong)?);
            }
            Some((_, original)) => {
                let span = range(original.span(), solution)?;
                if replacements.iter().any(|(r, _)| r.start == span.start) {
                    bail!("the wrong answer defines `{wanted}` twice");
                }
                replacements.push((span, text.to_string()));
            }
            None => {
                appended.push('\n');
                appended.push_str(text);
                appended.push('\n');
            }
        }
    }

    // The added `use` lines go before the solution's first item (after its `//!` comment).
    let uses_at = first_item_start(&solution_file, solution)?;
    replacements.push((uses_at..uses_at, added_uses));
    // At one position, the insertion (an empty range) comes before the replacement.
    replacements.sort_by_key(|(range, _)| (range.start, range.end));
    let mut patched = String::with_capacity(solution.len() + wrong.len());
    let mut copied = 0;
    for (range, text) in replacements {
        patched.push_str(&solution[copied..range.start]);
        patched.push_str(&text);
        copied = range.end;
    }
    patched.push_str(&solution[copied..]);
    patched.push_str(&appended);
    Ok(patched)
}

/// A checks file with only the test functions named in `wanted` (and every other item: the
/// helpers they use). The others are cut out, attributes and doc comments with them.
pub fn keep_tests(checks: &str, wanted: &[String]) -> Result<String> {
    let file = syn::parse_file(checks).context("the checks do not parse")?;
    let mut kept = String::with_capacity(checks.len());
    let mut copied = 0;
    for item in &file.items {
        let Item::Fn(function) = item else { continue };
        let is_test = function.attrs.iter().any(|attribute| {
            attribute
                .path()
                .segments
                .last()
                .is_some_and(|segment| segment.ident == "test")
        });
        if is_test && !wanted.iter().any(|w| function.sig.ident == w) {
            let cut = range(item.span(), checks)?;
            kept.push_str(&checks[copied..cut.start]);
            copied = cut.end;
        }
    }
    kept.push_str(&checks[copied..]);
    Ok(kept)
}

/// The edits that put the methods (and associated items) of `changes` in place of those of
/// the same name in `original`, and add the others before its closing brace.
fn patch_impl(
    original: &syn::ItemImpl,
    changes: &syn::ItemImpl,
    solution: &str,
    wrong: &str,
) -> Result<Vec<(std::ops::Range<usize>, String)>> {
    let name = |item: &syn::ImplItem| match item {
        syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
        syn::ImplItem::Const(c) => Some(c.ident.to_string()),
        syn::ImplItem::Type(t) => Some(t.ident.to_string()),
        _ => None,
    };
    let mut edits = Vec::new();
    let mut added = String::new();
    for change in &changes.items {
        let text = &wrong[range(change.span(), wrong)?];
        let same = name(change).and_then(|wanted| {
            original
                .items
                .iter()
                .find(|item| name(item).as_deref() == Some(wanted.as_str()))
        });
        match same {
            Some(item) => edits.push((range(item.span(), solution)?, text.to_string())),
            None => {
                added.push_str("\n    ");
                added.push_str(text);
                added.push('\n');
            }
        }
    }
    if !added.is_empty() {
        let close = original.brace_token.span.close().byte_range().start;
        edits.push((close..close, added));
    }
    Ok(edits)
}

/// What makes two items "the same item": their kind of name and their name; for an `impl`
/// block, its trait and its type.
fn key(item: &Item) -> Option<String> {
    let named = |kind: &str, ident: &syn::Ident| Some(format!("{kind} {ident}"));
    match item {
        Item::Fn(f) => named("fn", &f.sig.ident),
        Item::Struct(s) => named("type", &s.ident),
        Item::Enum(e) => named("type", &e.ident),
        Item::Union(u) => named("type", &u.ident),
        Item::Type(t) => named("type", &t.ident),
        Item::Trait(t) => named("trait", &t.ident),
        Item::Const(c) => named("value", &c.ident),
        Item::Static(s) => named("value", &s.ident),
        Item::Mod(m) => named("mod", &m.ident),
        Item::Macro(m) => m.ident.as_ref().and_then(|i| named("macro", i)),
        Item::Impl(i) => {
            let trait_part = i
                .trait_
                .as_ref()
                .map(|(_, path, _)| format!("{} for ", tokens(path)))
                .unwrap_or_default();
            Some(format!("impl {trait_part}{}", tokens(&i.self_ty)))
        }
        Item::Use(u) => Some(format!("use {}", use_tree(&u.tree))),
        _ => None,
    }
}

fn use_tree(tree: &UseTree) -> String {
    tokens(tree)
}

fn tokens(node: &impl ToTokens) -> String {
    node.to_token_stream().to_string()
}

fn range(span: Span, text: &str) -> Result<std::ops::Range<usize>> {
    let range = span.byte_range();
    if range.end > text.len() || range.is_empty() || !text.is_char_boundary(range.start) {
        bail!("cannot locate an item in the source (span {range:?})");
    }
    Ok(range)
}

fn first_item_start(file: &syn::File, text: &str) -> Result<usize> {
    match file.items.first() {
        Some(item) => Ok(range(item.span(), text)?.start),
        None => Ok(text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::apply;

    const SOLUTION: &str = "//! The solution.\n\nuse std::thread;\n\n/// Doubles.\npub fn double(x: u32) -> u32 {\n    // comment kept\n    x * 2\n}\n\npub struct Meter(u32);\n\nimpl Default for Meter {\n    fn default() -> Self {\n        Meter(1)\n    }\n}\n\npub fn untouched() {}\n";

    #[test]
    fn the_wrong_items_replace_those_of_the_same_name() {
        let wrong = "//! Wrong: adds instead.\n//!\n//! kind: wrong-value\n//! caught-by: x\n\nuse std::thread;\nuse std::time::Duration;\n\n/// Adds.\npub fn double(x: u32) -> u32 {\n    x + 2\n}\n\nimpl Default for Meter {\n    fn default() -> Self {\n        Meter(0)\n    }\n}\n\nfn helper() {}\n";
        let patched = apply(SOLUTION, wrong).unwrap();
        assert_eq!(
            patched,
            "//! The solution.\n\nuse std::time::Duration;\nuse std::thread;\n\n/// Adds.\npub fn double(x: u32) -> u32 {\n    x + 2\n}\n\npub struct Meter(u32);\n\nimpl Default for Meter {\n    fn default() -> Self {\n        Meter(0)\n    }\n}\n\npub fn untouched() {}\n\nfn helper() {}\n"
        );
        syn::parse_file(&patched).unwrap();
    }

    #[test]
    fn an_impl_block_changes_only_the_methods_it_holds() {
        let solution = "pub struct Queue;\n\nimpl Queue {\n    pub fn push(&self) {}\n\n    pub fn run(&self) {\n        // right\n    }\n}\n";
        let wrong = "//! Wrong.\n\nimpl Queue {\n    pub fn run(&self) {\n        // wrong\n    }\n\n    fn helper(&self) {}\n}\n";
        let patched = apply(solution, wrong).unwrap();
        assert_eq!(
            patched,
            "pub struct Queue;\n\nimpl Queue {\n    pub fn push(&self) {}\n\n    pub fn run(&self) {\n        // wrong\n    }\n\n    fn helper(&self) {}\n}\n"
        );
    }

    #[test]
    fn only_the_wanted_tests_are_kept() {
        let checks = "use x::y;\n\nfn helper() {}\n\n/// First.\n#[test]\nfn first() {\n    helper();\n}\n\n#[test]\n#[should_panic]\nfn second() {}\n";
        let kept = super::keep_tests(checks, &["second".to_string()]).unwrap();
        assert_eq!(
            kept,
            "use x::y;\n\nfn helper() {}\n\n\n\n#[test]\n#[should_panic]\nfn second() {}\n"
        );
    }

    #[test]
    fn a_wrong_answer_that_does_not_parse_says_so() {
        let error = apply(SOLUTION, "pub fn double(").unwrap_err();
        assert!(error.to_string().contains("does not parse"), "{error}");
    }
}
