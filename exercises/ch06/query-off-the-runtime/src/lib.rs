//! # Exercise 6.1: a query off the runtime, errors included
//!
//! The shop keeps its orders in SQLite and reads them with rusqlite, whose calls
//! block their thread until SQLite has the answer. In Python you would wrap the
//! `sqlite3` call in `await asyncio.to_thread(...)` (or use aiosqlite, which runs
//! the connection on a thread of its own).
//!
//! Write [`OrderHistory::total_spent`]: how many cents one customer spent, over all
//! their orders. It must:
//! - run the query on tokio's blocking pool (`tokio::task::spawn_blocking`), never
//!   on the runtime's own thread, and not on a thread of your own either;
//! - return `Ok(total)` for a known customer, `Ok(0)` for a customer who has no
//!   orders yet (`SUM` of no rows is SQL's `NULL`, not 0);
//! - return `Err(HistoryError::UnknownCustomer(id))` when no row of `customers` has
//!   that id;
//! - return `Err(HistoryError::Database(message))`, with rusqlite's message, when
//!   SQLite fails (a missing table, a locked file...): never a panic, never a
//!   made-up total.
//!
//! The tables are `customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)` and
//! `orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, amount_cents
//! INTEGER NOT NULL)`.
//!
//! Run `cargo xtask check ch06-query-off-the-runtime` to see what the checks verify.

use rusqlite::Connection;
use std::fmt;
use std::sync::{Arc, Mutex};

/// Why a total could not be given.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryError {
    /// No customer has this id.
    UnknownCustomer(i64),
    /// SQLite failed; the message is rusqlite's.
    Database(String),
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownCustomer(id) => write!(f, "no customer has id {id}"),
            Self::Database(message) => write!(f, "the database failed: {message}"),
        }
    }
}

impl std::error::Error for HistoryError {}

impl From<rusqlite::Error> for HistoryError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Database(error.to_string())
    }
}

/// The order history, over one SQLite connection that its queries take turns on.
#[derive(Clone)]
pub struct OrderHistory {
    connection: Arc<Mutex<Connection>>,
}

impl OrderHistory {
    pub fn new(connection: Connection) -> Self {
        Self {
            connection: Arc::new(Mutex::new(connection)),
        }
    }

    /// How many cents the customer `customer_id` spent, over all their orders.
    pub async fn total_spent(&self, customer_id: i64) -> Result<i64, HistoryError> {
        // TODO: run the query on tokio's blocking pool, and bring every error back.
        let _ = (&self.connection, customer_id);
        todo!("look the customer up and add up their orders, off the runtime")
    }
}
