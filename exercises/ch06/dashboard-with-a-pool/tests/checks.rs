use course_testkit::{catching_panics, live_tasks, run_paused, timed};
use dashboard_with_a_pool::{Connection, Dashboard, DbError, Pool, dashboard};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

// The checks' own copies of the three queries: the test database answers these.
const ORDERS_TODAY: &str =
    "SELECT COUNT(*) FROM orders WHERE placed_on = CURRENT_DATE";
const REVENUE_TODAY: &str = "SELECT COALESCE(SUM(amount_cents), 0) FROM orders WHERE placed_on = CURRENT_DATE";
const OUT_OF_STOCK: &str = "SELECT COUNT(*) FROM products WHERE stock = 0";

fn ms(milliseconds: u64) -> Duration {
    Duration::from_millis(milliseconds)
}

/// What the test database answers to each query, and after how long.
type Answers = HashMap<&'static str, (Duration, Result<i64, DbError>)>;

/// A database server seen through a pool of `size` connections. Each query holds
/// its connection for its latency, on tokio's clock.
struct TestPool {
    free: Arc<Semaphore>,
    answers: Arc<Answers>,
    running: Arc<AtomicUsize>,
    most_running: Arc<AtomicUsize>,
    refuses_connections: bool,
}

impl TestPool {
    fn new(size: usize, answers: Answers) -> Self {
        Self {
            free: Arc::new(Semaphore::new(size)),
            answers: Arc::new(answers),
            running: Arc::default(),
            most_running: Arc::default(),
            refuses_connections: false,
        }
    }

    fn free_connections(&self) -> usize {
        self.free.available_permits()
    }

    fn most_queries_at_once(&self) -> usize {
        self.most_running.load(Ordering::SeqCst)
    }
}

struct TestConnection {
    _in_use: OwnedSemaphorePermit,
    answers: Arc<Answers>,
    running: Arc<AtomicUsize>,
    most_running: Arc<AtomicUsize>,
}

impl Pool for TestPool {
    type Connection = TestConnection;

    async fn acquire(&self) -> Result<TestConnection, DbError> {
        if self.refuses_connections {
            return Err(DbError("too many clients already".into()));
        }
        let in_use = self
            .free
            .clone()
            .acquire_owned()
            .await
            .expect("never closed");
        Ok(TestConnection {
            _in_use: in_use,
            answers: self.answers.clone(),
            running: self.running.clone(),
            most_running: self.most_running.clone(),
        })
    }
}

/// Counts a query as running until it is dropped, finished or not.
struct Running(Arc<AtomicUsize>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Connection for TestConnection {
    async fn fetch_number(&mut self, query: &str) -> Result<i64, DbError> {
        let Some((latency, answer)) = self.answers.get(query).cloned() else {
            return Err(DbError(format!("syntax error in {query:?}")));
        };
        let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_running.fetch_max(now, Ordering::SeqCst);
        let _running = Running(self.running.clone());
        tokio::time::sleep(latency).await;
        answer
    }
}

/// The article's three queries: 50, 80 and 40 ms.
fn articles_answers() -> Answers {
    HashMap::from([
        (ORDERS_TODAY, (ms(50), Ok(17))),
        (REVENUE_TODAY, (ms(80), Ok(41_950))),
        (OUT_OF_STOCK, (ms(40), Ok(3))),
    ])
}

fn articles_dashboard() -> Dashboard {
    Dashboard {
        orders_today: 17,
        revenue_today_cents: 41_950,
        out_of_stock: 3,
    }
}

#[test]
fn three_connections_run_the_three_queries_at_once() {
    let (took, result, most_at_once) = run_paused(|| async {
        let pool = TestPool::new(3, articles_answers());
        let (took, result) = timed(catching_panics(dashboard(&pool))).await;
        (took, result, pool.most_queries_at_once())
    });
    assert_eq!(
        result,
        Ok(Ok(articles_dashboard())),
        "each number comes from its own query: 17 orders, 41950 cents, 3 products"
    );
    assert_eq!(
        most_at_once, 3,
        "at most {most_at_once} queries ran at the same time, with three free \
         connections: each query needs a connection of its own, all three awaited \
         together (join!), not one after another"
    );
    assert_eq!(
        took,
        ms(80),
        "queries of 50, 80 and 40 ms on three connections took {took:?}: they \
         should overlap, so the slowest one (80 ms) sets the time"
    );
}

#[test]
fn one_connection_queues_the_queries_and_still_finishes() {
    let (result, free_after) = run_paused(|| async {
        let pool = TestPool::new(1, articles_answers());
        let result = tokio::time::timeout(
            Duration::from_secs(60),
            timed(catching_panics(dashboard(&pool))),
        )
        .await;
        (result, pool.free_connections())
    });
    let Ok((took, result)) = result else {
        panic!(
            "with a pool of one connection the dashboard never finished: a query \
             that holds a connection while waiting for another one waits forever. \
             Take each connection right before its query, and let it go after"
        );
    };
    assert_eq!(result, Ok(Ok(articles_dashboard())));
    assert_eq!(
        took,
        ms(170),
        "with one connection the queries can only run one after another: 50 + 80 \
         + 40 ms, not {took:?}"
    );
    assert_eq!(free_after, 1, "the connection is back in the pool");
}

#[test]
fn the_first_error_is_returned_when_it_happens() {
    let (took, result, free_after, tasks_left) = run_paused(|| async {
        let pool = TestPool::new(
            3,
            HashMap::from([
                (ORDERS_TODAY, (ms(50), Ok(17))),
                (REVENUE_TODAY, (ms(30), Err(DbError("lock timeout".into())))),
                (OUT_OF_STOCK, (ms(80), Ok(3))),
            ]),
        );
        let (took, result) = timed(catching_panics(dashboard(&pool))).await;
        (took, result, pool.free_connections(), live_tasks().await)
    });
    assert_eq!(
        result,
        Ok(Err(DbError("lock timeout".into()))),
        "the revenue query failed with \"lock timeout\": that error, as it is, is \
         the dashboard's answer (not a panic, not a 0)"
    );
    assert_eq!(
        took,
        ms(30),
        "the revenue query failed after 30 ms, but the error came back after \
         {took:?}: stop at the first error (try_join!) instead of waiting for \
         the other queries"
    );
    assert_eq!(
        (free_after, tasks_left),
        (3, 0),
        "when the dashboard returned its error, {free_after} of 3 connections were \
         free and {tasks_left} task(s) were still running: the abandoned queries \
         must be dropped, with their connections"
    );
}

#[test]
fn a_pool_that_cannot_connect_gives_its_error() {
    let result = run_paused(|| async {
        let mut pool = TestPool::new(3, articles_answers());
        pool.refuses_connections = true;
        catching_panics(dashboard(&pool)).await
    });
    assert_eq!(
        result,
        Ok(Err(DbError("too many clients already".into()))),
        "acquire failed with \"too many clients already\": that error is the answer"
    );
}
