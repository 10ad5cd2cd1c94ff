//! Listing 6-1: one query, called three ways from async code, with a heartbeat that
//! measures how late the runtime wakes it.

mod stall;

use rusqlite::Connection;
use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use stall::spawn_stall_detector;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::Instant;

type BoxError = Box<dyn Error + Send + Sync>;

const CUSTOMERS: i64 = 500;
const ORDERS: i64 = 100_000;
const CLIENTS: usize = 4;
const WINDOW: Duration = Duration::from_millis(600);
const HEARTBEAT: Duration = Duration::from_millis(5);

// ANCHOR: repository
/// The customer who spent the most, and how much (in cents).
#[derive(Debug, PartialEq)]
struct TopCustomer {
    customer_id: i64,
    revenue_cents: i64,
}

/// No index helps this query: SQLite reads every order to add them up.
const TOP_CUSTOMER: &str = "SELECT customer_id, SUM(amount_cents) AS revenue \
     FROM orders GROUP BY customer_id \
     ORDER BY revenue DESC, customer_id LIMIT 1";

/// The repository function, with rusqlite: a plain function that blocks its
/// thread until SQLite has the answer.
fn top_customer(connection: &Connection) -> rusqlite::Result<TopCustomer> {
    connection.query_row(TOP_CUSTOMER, [], |row| {
        Ok(TopCustomer {
            customer_id: row.get(0)?,
            revenue_cents: row.get(1)?,
        })
    })
}
// ANCHOR_END: repository

// ANCHOR: three_ways
/// 1. rusqlite called inline: the handler is `async`, the query is not. The
///    runtime's thread runs SQLite until the answer is there. (`&mut`: a
///    `Connection` may move between threads, but not be shared by them.)
async fn handler_inline(
    connection: &mut Connection,
) -> Result<TopCustomer, BoxError> {
    Ok(top_customer(connection)?)
}

/// 2. rusqlite inside `spawn_blocking`: the query runs on tokio's blocking pool,
///    and the handler waits for it like for any other future.
async fn handler_spawn_blocking(
    connection: Arc<Mutex<Connection>>,
) -> Result<TopCustomer, BoxError> {
    let report = tokio::task::spawn_blocking(move || {
        // A poisoned lock means an earlier query panicked; the connection is fine.
        let connection = connection.lock().unwrap_or_else(PoisonError::into_inner);
        top_customer(&connection)
    })
    .await?; // a JoinError: the closure panicked
    Ok(report?) // a rusqlite::Error: the query failed
}

/// 3. sqlx: an async API. Each SQLite connection of the pool lives on a thread of
///    its own, and the handler awaits the answer from that thread.
async fn handler_sqlx(pool: &SqlitePool) -> Result<TopCustomer, BoxError> {
    let row = sqlx::query(TOP_CUSTOMER).fetch_one(pool).await?;
    Ok(TopCustomer {
        customer_id: row.try_get(0)?,
        revenue_cents: row.try_get(1)?,
    })
}
// ANCHOR_END: three_ways

/// What one way of calling the query did in the window.
struct Measured {
    requests_served: u64,
    worst_heartbeat_delay: Duration,
}

// ANCHOR: measure
/// Runs `clients` (which serve requests until the window closes) with the stall
/// detector beside them, and keeps the detector's worst report.
async fn measure(
    clients: impl Future<Output = Result<u64, BoxError>>,
) -> Result<Measured, BoxError> {
    let worst = Arc::new(Mutex::new(Duration::ZERO));
    let detector = spawn_stall_detector(HEARTBEAT, Duration::ZERO, {
        let worst = worst.clone();
        move |late| {
            let mut worst = worst.lock().unwrap();
            *worst = (*worst).max(late);
        }
    });
    let requests_served = clients.await?;
    detector.abort();
    let worst_heartbeat_delay = *worst.lock().unwrap();
    Ok(Measured {
        requests_served,
        worst_heartbeat_delay,
    })
}

/// Waits for every client and adds up the requests they served.
async fn total_served(
    mut clients: JoinSet<Result<u64, BoxError>>,
) -> Result<u64, BoxError> {
    let mut served = 0;
    while let Some(client) = clients.join_next().await {
        served += client??;
    }
    Ok(served)
}

/// Stands for a client's next request arriving on its socket: a point where the
/// task hands the thread back to the runtime, as a real handler does.
async fn next_request() {
    tokio::task::yield_now().await;
}
// ANCHOR_END: measure

// ANCHOR: clients
async fn clients_inline(database: &Path, until: Instant) -> Result<u64, BoxError> {
    let mut clients = JoinSet::new();
    for _ in 0..CLIENTS {
        let mut connection = Connection::open(database)?;
        clients.spawn(async move {
            let mut served = 0;
            while Instant::now() < until {
                next_request().await;
                handler_inline(&mut connection).await?;
                served += 1;
            }
            Ok(served)
        });
    }
    total_served(clients).await
}
// ANCHOR_END: clients

async fn clients_spawn_blocking(
    database: &Path,
    until: Instant,
) -> Result<u64, BoxError> {
    let mut clients = JoinSet::new();
    for _ in 0..CLIENTS {
        let connection = Arc::new(Mutex::new(Connection::open(database)?));
        clients.spawn(async move {
            let mut served = 0;
            while Instant::now() < until {
                next_request().await;
                handler_spawn_blocking(connection.clone()).await?;
                served += 1;
            }
            Ok(served)
        });
    }
    total_served(clients).await
}

async fn clients_sqlx(pool: &SqlitePool, until: Instant) -> Result<u64, BoxError> {
    let mut clients = JoinSet::new();
    for _ in 0..CLIENTS {
        let pool = pool.clone();
        clients.spawn(async move {
            let mut served = 0;
            while Instant::now() < until {
                next_request().await;
                handler_sqlx(&pool).await?;
                served += 1;
            }
            Ok(served)
        });
    }
    total_served(clients).await
}

// ANCHOR: database
/// A directory of its own under the system's temporary directory, removed when
/// dropped, so that runs side by side never share a database.
struct TemporaryDirectory(PathBuf);

impl TemporaryDirectory {
    fn create(purpose: &str) -> std::io::Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .subsec_nanos();
        let name = format!("course-{purpose}-{}-{nanos}", std::process::id());
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir(&path)?;
        Ok(Self(path))
    }
}

impl Drop for TemporaryDirectory {
    fn drop(&mut self) {
        // Nothing useful to do if it fails: the system cleans its temporary files.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes the shop's orders: the same rows on every run.
fn create_database(path: &Path) -> rusqlite::Result<()> {
    let mut connection = Connection::open(path)?;
    let transaction = connection.transaction()?;
    transaction.execute_batch(
        "CREATE TABLE orders (
             id INTEGER PRIMARY KEY,
             customer_id INTEGER NOT NULL,
             amount_cents INTEGER NOT NULL
         );",
    )?;
    {
        let mut insert = transaction.prepare(
            "INSERT INTO orders (customer_id, amount_cents) VALUES (?1, ?2)",
        )?;
        for order in 0..ORDERS {
            let customer_id = order * 7919 % CUSTOMERS + 1;
            let amount_cents = order * 104_729 % 20_000 + 99;
            insert.execute((customer_id, amount_cents))?;
        }
    }
    transaction.commit()
}
// ANCHOR_END: database

// ANCHOR: main
fn main() -> Result<(), BoxError> {
    let directory = TemporaryDirectory::create("ch06-orders")?;
    let database = directory.0.join("orders.db");
    create_database(&database)?;
    println!(
        "database: {CUSTOMERS} customers, {ORDERS} orders, in a temporary directory"
    );
    println!(
        "{CLIENTS} clients for {WINDOW:?} each way, heartbeat every {HEARTBEAT:?}, \
         on a one-thread runtime"
    );
    // One thread, as in asyncio: a stall cannot hide behind another worker.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let options = SqliteConnectOptions::new()
            .filename(&database)
            .read_only(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(CLIENTS as u32)
            .connect_with(options)
            .await?;
        let top = handler_sqlx(&pool).await?;
        println!(
            "top customer: #{} with {} cents",
            top.customer_id, top.revenue_cents
        );
        println!(
            "{:<28}{:>17}{:>24}",
            "way", "requests served", "worst heartbeat delay"
        );
        let until = Instant::now() + WINDOW;
        let inline = measure(clients_inline(&database, until)).await?;
        print_row("rusqlite inline", &inline);
        let until = Instant::now() + WINDOW;
        let blocking = measure(clients_spawn_blocking(&database, until)).await?;
        print_row("rusqlite in spawn_blocking", &blocking);
        let until = Instant::now() + WINDOW;
        let sqlx = measure(clients_sqlx(&pool, until)).await?;
        print_row("sqlx", &sqlx);
        pool.close().await;
        Ok::<_, BoxError>(())
    })
}
// ANCHOR_END: main

fn print_row(way: &str, measured: &Measured) {
    println!(
        "{way:<28}{:>17}{:>24}",
        measured.requests_served,
        format!("{:.1?}", measured.worst_heartbeat_delay)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_testkit::{BlockingProbe, run_paused};

    /// A small in-memory shop whose queries call `probe` from inside SQLite, on
    /// whatever thread runs the query, the first time SQLite reports progress.
    fn shop_watched_by(
        probe: BlockingProbe,
    ) -> (Connection, Arc<Mutex<Option<bool>>>) {
        let connection = Connection::open_in_memory().unwrap();
        connection
            .execute_batch(
                "CREATE TABLE orders (id INTEGER PRIMARY KEY,
                     customer_id INTEGER NOT NULL, amount_cents INTEGER NOT NULL);
                 INSERT INTO orders (customer_id, amount_cents)
                     VALUES (1, 500), (2, 900), (1, 700);",
            )
            .unwrap();
        let verdict = Arc::new(Mutex::new(None));
        let seen = verdict.clone();
        connection
            .progress_handler(
                1,
                Some(move || {
                    let mut seen = seen.lock().unwrap();
                    if seen.is_none() {
                        *seen = Some(probe.runtime_ran_meanwhile());
                    }
                    false // go on with the query
                }),
            )
            .unwrap();
        (connection, verdict)
    }

    // ANCHOR: probe_tests
    #[test]
    fn an_inline_query_stalls_a_one_thread_runtime() {
        let (top, runtime_ran) = run_paused(|| async {
            let (mut connection, verdict) = shop_watched_by(BlockingProbe::start());
            let top = handler_inline(&mut connection).await.unwrap();
            (top, verdict.lock().unwrap().take())
        });
        assert_eq!(top.customer_id, 1, "customer 1 spent 500 + 700 cents");
        assert_eq!(runtime_ran, Some(false), "no task ran while SQLite worked");
    }

    #[test]
    fn a_query_in_spawn_blocking_leaves_the_runtime_free() {
        let (top, runtime_ran) = run_paused(|| async {
            let (connection, verdict) = shop_watched_by(BlockingProbe::start());
            let connection = Arc::new(Mutex::new(connection));
            let top = handler_spawn_blocking(connection).await.unwrap();
            (top, verdict.lock().unwrap().take())
        });
        assert_eq!(top.revenue_cents, 1200);
        assert_eq!(runtime_ran, Some(true), "the runtime ran a task meanwhile");
    }
    // ANCHOR_END: probe_tests

    #[test]
    fn a_failed_query_comes_back_as_an_error() {
        let connection = Connection::open_in_memory().unwrap();
        let error = run_paused(move || async move {
            let connection = Arc::new(Mutex::new(connection));
            handler_spawn_blocking(connection)
                .await
                .unwrap_err()
                .to_string()
        });
        assert!(error.contains("no such table: orders"), "{error}");
    }
}
