//! Chapter 8: the article's sync-against-async benchmark, in Rust.
//!
//! - [`endpoints`]: the article's endpoints as axum handlers, including the hidden
//!   bad one.
//! - [`server`]: serves them on 127.0.0.1 with a chosen runtime flavour and worker
//!   count.
//! - [`client`]: fires `n` concurrent requests, each with a timeout, and reports
//!   what happened.
//! - [`limits`]: raises the open-file limit, or says how.
//!
//! The binaries `server` and `client` are thin wrappers; `cargo xtask bench` runs
//! the matrix.

pub mod client;
pub mod endpoints;
pub mod limits;
pub mod server;
