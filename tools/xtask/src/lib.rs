//! The course's commands, as a library so that the book checks in `tests/` use the same code as
//! `cargo xtask`.

pub mod bench;
pub mod book;
pub mod cargo;
pub mod check;
pub mod record;
pub mod serve;
pub mod test;

/// Fails with a one-line message when `args` holds anything that `expected` does not list.
pub(crate) fn reject_unknown(
    args: &[String],
    expected: &[&str],
    usage: &str,
) -> Result<(), String> {
    match args.iter().find(|a| !expected.contains(&a.as_str())) {
        Some(arg) => Err(format!("unexpected argument `{arg}`; usage: {usage}")),
        None => Ok(()),
    }
}
