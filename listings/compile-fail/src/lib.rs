//! This crate has no code of its own: `tests/trybuild.rs` checks that every file in `cases/`
//! fails to compile with exactly the message in the `.stderr` file beside it.
