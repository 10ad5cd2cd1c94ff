//! Chapter 8: the article's sync-against-async benchmark, in Rust.
//!
//! The benchmark itself:
//! - [`endpoints`]: the article's endpoints as axum handlers, including the hidden
//!   bad one.
//! - [`server`]: serves them on 127.0.0.1 with a chosen runtime flavour and worker
//!   count.
//! - [`client`]: fires `n` concurrent requests, each with a timeout, and reports
//!   what happened.
//! - [`limits`]: raises the open-file limit, or says how.
//!
//! The binaries `server` and `client` are thin wrappers around them. The harness
//! that runs the matrix, the binary `matrix` (`cargo xtask bench`), is built from:
//! - [`matrix`]: the cells to measure, how one is measured, the criterion
//!   recordings;
//! - [`results`]: the results file, typed;
//! - [`render`]: the chapter's tables and plot, from the results file alone;
//! - [`fastapi`]: the FastAPI side (a Python virtual environment, the article's
//!   client);
//! - [`processes`]: child processes, each waited for with a deadline;
//! - [`procfs`]: CPU time, memory and accept-queue drops, from Linux's `/proc`;
//! - [`workspace`]: the course's folder, cargo's target folder, the binaries.
//!
//! Chapter 7 reuses the server for its own measurement, the binary `cpu-handlers`
//! (`cargo xtask regen figures`): [`cpu_handlers`], a light endpoint beside a
//! CPU-heavy one.

pub mod client;
pub mod cpu_handlers;
pub mod endpoints;
pub mod fastapi;
pub mod limits;
pub mod matrix;
pub mod processes;
pub mod procfs;
pub mod render;
pub mod results;
pub mod server;
pub mod workspace;
