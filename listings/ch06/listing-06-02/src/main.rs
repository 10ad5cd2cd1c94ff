//! Listing 6-2: three independent queries through a pool of three connections and
//! through a pool of one, simulated on tokio's clock and measured on SQLite.

use rusqlite::Connection;
use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::Instant;

type BoxError = Box<dyn Error + Send + Sync>;

const ORDERS: i64 = 500_000;

// ANCHOR: simulated
/// A database server as its clients see it: a pool of `size` connections, and a
/// query that holds one of them for its latency. Nothing runs here: the latency is
/// a timer, so tokio's paused clock can measure the queueing exactly.
struct SimulatedPool {
    connections: Semaphore,
}

impl SimulatedPool {
    fn new(size: usize) -> Self {
        Self {
            connections: Semaphore::new(size),
        }
    }

    /// Runs a query that takes `latency` once it has a connection, and returns
    /// when it finished, counted from `start`.
    async fn query(&self, latency: Duration, start: Instant) -> Duration {
        let _connection = self.connections.acquire().await.expect("never closed");
        tokio::time::sleep(latency).await;
        start.elapsed()
    }
}

/// The article's dashboard: three independent queries of 50, 80 and 40 ms, sent
/// together, as `asyncio.gather` sends them. Returns when each one finished.
async fn simulated_dashboard(pool: &SimulatedPool) -> [Duration; 3] {
    let start = Instant::now();
    let (orders, revenue, stock) = tokio::join!(
        pool.query(Duration::from_millis(50), start),
        pool.query(Duration::from_millis(80), start),
        pool.query(Duration::from_millis(40), start),
    );
    [orders, revenue, stock]
}
// ANCHOR_END: simulated

// ANCHOR: real
/// The best customer's revenue among the last `orders` orders: SQLite reads each
/// of them and groups them by customer.
async fn revenue_of_last(
    pool: &SqlitePool,
    orders: i64,
) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "SELECT SUM(amount_cents) AS revenue FROM orders \
         WHERE id > (SELECT MAX(id) FROM orders) - ? \
         GROUP BY customer_id ORDER BY revenue DESC LIMIT 1",
    )
    .bind(orders)
    .fetch_one(pool)
    .await?;
    row.try_get(0)
}

/// Three reports of different sizes, sent together. `fetch_one(pool)` takes a
/// connection from the pool for each query and gives it back when it is done.
/// Returns when each one finished, counted from the start.
async fn real_dashboard(pool: &SqlitePool) -> Result<[Duration; 3], BoxError> {
    let start = Instant::now();
    let finished =
        |report: Result<i64, sqlx::Error>| report.map(|_| start.elapsed());
    let (small, large, smallest) = tokio::try_join!(
        async { finished(revenue_of_last(pool, 250_000).await) },
        async { finished(revenue_of_last(pool, 400_000).await) },
        async { finished(revenue_of_last(pool, 200_000).await) },
    )?;
    Ok([small, large, smallest])
}
// ANCHOR_END: real

// ANCHOR: main
#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let directory = TemporaryDirectory::create("ch06-pool")?;
    let database = directory.0.join("orders.db");
    create_database(&database)?;
    for size in [1, 3] {
        // On the real clock here: the tests prove the same on the paused clock.
        let [orders, revenue, stock] =
            simulated_dashboard(&SimulatedPool::new(size)).await;
        println!(
            "simulated server, pool of {size}: finished at {orders:.0?}, {revenue:.0?}, \
             {stock:.0?}"
        );
    }
    println!(
        "SQLite: {ORDERS} orders; reports over the last 250000, 400000, 200000"
    );
    for size in [1, 3] {
        let options = SqliteConnectOptions::new()
            .filename(&database)
            .read_only(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(size)
            // Open every connection first, so that no query waits for one to open.
            .min_connections(size)
            .connect_with(options)
            .await?;
        real_dashboard(&pool).await?; // once to warm SQLite's page cache
        let [small, large, smallest] = real_dashboard(&pool).await?;
        let sum: Duration = {
            // Each report alone, one after another, on the same pool.
            let mut alone = Duration::ZERO;
            for orders in [250_000, 400_000, 200_000] {
                let start = Instant::now();
                revenue_of_last(&pool, orders).await?;
                alone += start.elapsed();
            }
            alone
        };
        println!(
            "SQLite, pool of {size}: finished at {small:.1?}, {large:.1?}, {smallest:.1?}; \
             the three alone add up to {sum:.1?}"
        );
        pool.close().await;
    }
    println!("cores: {}", std::thread::available_parallelism()?);
    Ok(())
}
// ANCHOR_END: main

/// A directory of its own under the system's temporary directory, removed when
/// dropped (as in Listing 6-1).
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
            insert
                .execute((order * 7919 % 500 + 1, order * 104_729 % 20_000 + 99))?;
        }
    }
    transaction.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(milliseconds: u64) -> Duration {
        Duration::from_millis(milliseconds)
    }

    // ANCHOR: proofs
    #[tokio::test(start_paused = true)]
    async fn with_three_connections_the_queries_overlap() {
        let pool = SimulatedPool::new(3);
        let start = Instant::now();
        let finished = simulated_dashboard(&pool).await;
        assert_eq!(
            finished,
            [ms(50), ms(80), ms(40)],
            "each ends after its own"
        );
        assert_eq!(start.elapsed(), ms(80), "the slowest query, not the sum");
    }

    #[tokio::test(start_paused = true)]
    async fn with_one_connection_they_queue() {
        let pool = SimulatedPool::new(1);
        let start = Instant::now();
        let finished = simulated_dashboard(&pool).await;
        assert_eq!(finished, [ms(50), ms(130), ms(170)], "one after another");
        assert_eq!(start.elapsed(), ms(170), "50 + 80 + 40");
    }

    #[tokio::test(start_paused = true)]
    async fn with_two_connections_the_third_query_waits_for_the_first() {
        let pool = SimulatedPool::new(2);
        let finished = simulated_dashboard(&pool).await;
        assert_eq!(
            finished,
            [ms(50), ms(80), ms(90)],
            "40 ms after the first ends"
        );
    }
    // ANCHOR_END: proofs

    #[test]
    fn the_real_reports_read_real_rows() {
        let directory = TemporaryDirectory::create("ch06-pool-test").unwrap();
        let database = directory.0.join("orders.db");
        create_database(&database).unwrap();
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let (last, all) = runtime.block_on(async {
            let options = SqliteConnectOptions::new().filename(&database);
            let pool = SqlitePoolOptions::new()
                .max_connections(3)
                .connect_with(options)
                .await
                .unwrap();
            let last = revenue_of_last(&pool, 1).await.unwrap();
            let all = revenue_of_last(&pool, ORDERS).await.unwrap();
            pool.close().await;
            (last, all)
        });
        // The same rows as create_database writes, added up here.
        let customer = |order: i64| order * 7919 % 500 + 1;
        let amount = |order: i64| order * 104_729 % 20_000 + 99;
        assert_eq!(last, amount(ORDERS - 1), "the last order alone");
        let mut revenue = std::collections::HashMap::new();
        for order in 0..ORDERS {
            *revenue.entry(customer(order)).or_insert(0) += amount(order);
        }
        assert_eq!(all, *revenue.values().max().unwrap(), "the best customer");
    }
}
