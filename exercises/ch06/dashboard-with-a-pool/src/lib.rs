//! # Exercise 6.2: three queries at once through a pool
//!
//! The shop's dashboard shows three numbers, each from its own query to the
//! database server. In Python with asyncpg you would `gather` three coroutines,
//! each doing `async with pool.acquire() as connection:` and its query: one
//! connection runs one query at a time, so each query needs its own.
//!
//! Write [`dashboard`]: run [`ORDERS_TODAY`], [`REVENUE_TODAY`] and
//! [`OUT_OF_STOCK`] with [`Connection::fetch_number`], each on a connection of its
//! own taken from `pool` with [`Pool::acquire`], all at the same time.
//! - With three free connections the dashboard takes as long as its slowest query.
//! - With fewer, the queries wait for a connection to be free: with a pool of one
//!   they run one after another, and the dashboard must still finish.
//! - A connection goes back to the pool when it is dropped; every connection must
//!   be back when `dashboard` returns, whatever it returns.
//! - The first error (from `acquire` or from a query) is returned as soon as it
//!   happens, as it is: the other queries are then abandoned.
//!
//! Run `cargo xtask check ch06-dashboard-with-a-pool` to see what the checks verify.

use std::fmt;
use std::future::Future;

/// How many orders were placed today.
pub const ORDERS_TODAY: &str =
    "SELECT COUNT(*) FROM orders WHERE placed_on = CURRENT_DATE";
/// What today's orders are worth, in cents.
pub const REVENUE_TODAY: &str = "SELECT COALESCE(SUM(amount_cents), 0) FROM orders WHERE placed_on = CURRENT_DATE";
/// How many products have none left.
pub const OUT_OF_STOCK: &str = "SELECT COUNT(*) FROM products WHERE stock = 0";

/// The three numbers of the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub orders_today: i64,
    pub revenue_today_cents: i64,
    pub out_of_stock: i64,
}

/// A failed query or connection, with the database's message.
#[derive(Debug, Clone, PartialEq)]
pub struct DbError(pub String);

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "database error: {}", self.0)
    }
}

impl std::error::Error for DbError {}

/// A pool of connections to the database server (sqlx's `Pool`, asyncpg's
/// `Pool`): `acquire` waits until a connection is free.
pub trait Pool {
    type Connection: Connection;

    fn acquire(&self) -> impl Future<Output = Result<Self::Connection, DbError>>;
}

/// One connection: one query at a time, hence `&mut self`. Dropping it gives it
/// back to its pool.
pub trait Connection {
    /// Runs a query whose answer is one number.
    fn fetch_number(
        &mut self,
        query: &str,
    ) -> impl Future<Output = Result<i64, DbError>>;
}

/// The dashboard's three numbers, queried at the same time.
pub async fn dashboard<P: Pool>(pool: &P) -> Result<Dashboard, DbError> {
    // TODO: three queries, each on its own connection, all at once.
    let _ = pool;
    todo!("acquire a connection and run a query, three times at once")
}
