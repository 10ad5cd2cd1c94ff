//! Edits the starter's query text (a quicker query, it seems), hoping that the
//! checks read the constants from the student's crate.
//!
//! kind: constant-gaming
//! caught-by: three_connections_run_the_three_queries_at_once

pub const REVENUE_TODAY: &str = "SELECT 0";
