use course_testkit::{BlockingProbe, catching_panics, count_polls, run_paused};
use query_off_the_runtime::{HistoryError, OrderHistory};
use rusqlite::Connection;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Customers, ids neither from 1 nor in order, and orders listed out of order.
const SHOP: &str = "
    CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL,
                         amount_cents INTEGER NOT NULL);
    INSERT INTO customers (id, name) VALUES
        (907, 'Ada'), (12, 'Grace'), (4410, 'Linus'), (3, 'Guido');
    INSERT INTO orders (customer_id, amount_cents) VALUES
        (12, 2599), (907, 120), (12, 1), (4410, 99999), (907, 3075), (12, 2599);
";

fn shop() -> Connection {
    let connection = Connection::open_in_memory().unwrap();
    connection.execute_batch(SHOP).unwrap();
    connection
}

/// What the first progress report from inside SQLite saw: whether the runtime ran
/// a task meanwhile, and the name of the thread that ran the query.
type Sighting = Arc<Mutex<Option<(bool, Option<String>)>>>;

/// `connection`, watched from inside SQLite: its progress handler runs on whatever
/// thread runs the query, and `pause` makes each query that long.
fn watched(connection: Connection, pause: Duration) -> (Connection, Sighting) {
    let probe = BlockingProbe::start();
    let sighting: Sighting = Arc::default();
    let seen = sighting.clone();
    connection
        .progress_handler(
            1,
            Some(move || {
                let mut seen = seen.lock().unwrap();
                if seen.is_none() {
                    std::thread::sleep(pause);
                    let thread = std::thread::current().name().map(str::to_owned);
                    *seen = Some((probe.runtime_ran_meanwhile(), thread));
                }
                false
            }),
        )
        .unwrap();
    (connection, sighting)
}

#[test]
fn adds_up_each_customers_own_orders() {
    let totals = run_paused(|| async {
        let history = OrderHistory::new(shop());
        let mut totals = Vec::new();
        for customer in [12, 4410, 907, 12] {
            totals.push(history.total_spent(customer).await);
        }
        totals
    });
    assert_eq!(
        totals,
        [Ok(5199), Ok(99999), Ok(3195), Ok(5199)],
        "the totals of customers 12, 4410, 907 and 12 again: each customer's own \
         orders added up, in cents"
    );
}

#[test]
fn a_customer_without_orders_spent_nothing() {
    let total = run_paused(|| async {
        catching_panics(OrderHistory::new(shop()).total_spent(3)).await
    });
    assert_eq!(
        total,
        Ok(Ok(0)),
        "customer 3 exists and has no orders: the total is 0. SQL's SUM over no \
         rows is NULL, which does not read as an i64 (COALESCE, or an Option)"
    );
}

#[test]
fn an_unknown_customer_is_an_error() {
    let total = run_paused(|| async {
        catching_panics(OrderHistory::new(shop()).total_spent(404)).await
    });
    assert_eq!(
        total,
        Ok(Err(HistoryError::UnknownCustomer(404))),
        "no customer has id 404: that is Err(UnknownCustomer(404)), not a total of \
         0 (a customer who exists and bought nothing) and not a panic"
    );
}

#[test]
fn a_database_failure_comes_back_as_an_error() {
    let total = run_paused(|| async {
        // A database without the orders table.
        let connection = Connection::open_in_memory().unwrap();
        connection
            .execute_batch(
                "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                 INSERT INTO customers (id, name) VALUES (12, 'Grace');",
            )
            .unwrap();
        catching_panics(OrderHistory::new(connection).total_spent(12)).await
    });
    match total {
        Ok(Err(HistoryError::Database(message))) => assert!(
            message.contains("no such table: orders"),
            "the error must carry rusqlite's message; it was {message:?}"
        ),
        other => panic!(
            "the orders table is missing, so the query fails: that must come back as \
             Err(HistoryError::Database(rusqlite's message)), not {other:?}"
        ),
    }
}

#[test]
fn the_query_runs_on_tokios_blocking_pool() {
    let (total, sighting) = run_paused(|| async {
        let (connection, sighting) = watched(shop(), Duration::ZERO);
        let total =
            catching_panics(OrderHistory::new(connection).total_spent(907)).await;
        let seen = sighting.lock().unwrap().take();
        (total, seen)
    });
    assert_eq!(total, Ok(Ok(3195)), "customer 907 spent 120 + 3075 cents");
    let Some((runtime_ran, thread)) = sighting else {
        panic!("the query never reached SQLite");
    };
    assert!(
        runtime_ran,
        "while SQLite ran the query, no other task of the runtime could run: the \
         query ran on the runtime's own thread. Move it into \
         tokio::task::spawn_blocking"
    );
    assert_eq!(
        thread.as_deref(),
        // The name tokio gives the threads of its pools (tokio 1.54, runtime/builder.rs).
        Some("tokio-rt-worker"),
        "the query ran on a thread that is not tokio's blocking pool (a thread of \
         your own is one more thread per query, with no limit): use spawn_blocking"
    );
}

#[test]
fn waits_for_the_query_without_polling_it() {
    let (total, polls) = run_paused(|| async {
        // Each query now takes 50 ms of real time on its thread.
        let (connection, _sighting) = watched(shop(), Duration::from_millis(50));
        let history = OrderHistory::new(connection);
        let (query, polls) = count_polls(history.total_spent(12));
        (query.await, polls)
    });
    assert_eq!(total, Ok(5199));
    // Awaiting the JoinHandle wakes the task once, when the query is done.
    polls.assert_at_most(4, "total_spent, waiting 50 ms for its query,");
}
