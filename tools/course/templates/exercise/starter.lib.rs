//! # Exercise {number}: {title}
//!
//! TODO(course): the task in a few sentences: what to write, what it must promise (at
//! the same time? without blocking? errors as values?), and the edge cases it must
//! handle.
//!
//! Check your work with `cargo xtask check {package}`.

/// TODO(course): what the function does.
pub async fn answer() -> u32 {
    // TODO: write the answer.
    todo!("write the answer")
}
