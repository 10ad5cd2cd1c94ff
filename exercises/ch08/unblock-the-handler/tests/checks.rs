use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use course_testkit::{
    assert_no_tasks_left, count_polls, run_paused, run_real_clock, timed,
};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tower::ServiceExt;
use unblock_the_handler::{LookupError, Upstream, app};

/// What one service answers about one item, and after how long.
#[derive(Clone)]
struct Reply<T> {
    after: Duration,
    value: Result<T, LookupError>,
}

fn found<T>(after_ms: u64, value: T) -> Reply<T> {
    Reply {
        after: Duration::from_millis(after_ms),
        value: Ok(value),
    }
}

fn unknown<T>(after_ms: u64) -> Reply<T> {
    Reply {
        after: Duration::from_millis(after_ms),
        value: Err(LookupError::UnknownItem),
    }
}

fn unavailable<T>(after_ms: u64, why: &str) -> Reply<T> {
    Reply {
        after: Duration::from_millis(after_ms),
        value: Err(LookupError::Unavailable(why.to_string())),
    }
}

/// One request of the checks: the item as the services know it and as the path
/// spells it, what each service answers, and the answer expected, after how long.
struct Case {
    item: &'static str,
    path: &'static str,
    price: Reply<u64>,
    stock: Reply<u32>,
    expected: (StatusCode, &'static str),
    takes_ms: u64,
}

fn case(
    (item, path): (&'static str, &'static str),
    price: Reply<u64>,
    stock: Reply<u32>,
    expected: (StatusCode, &'static str),
    takes_ms: u64,
) -> Case {
    Case {
        item,
        path,
        price,
        stock,
        expected,
        takes_ms,
    }
}

const OK: StatusCode = StatusCode::OK;
const NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;
const BAD_GATEWAY: StatusCode = StatusCode::BAD_GATEWAY;

/// Items in no particular order, each with its own price, stock and latencies:
/// either service may be the slower one, or answer at once.
fn in_stock() -> Vec<Case> {
    vec![
        case(
            ("grinder", "grinder"),
            found(90, 8900),
            found(70, 3),
            (OK, "grinder: 8900 cents, 3 in stock"),
            90,
        ),
        case(
            ("espresso cup", "espresso%20cup"),
            found(20, 900),
            found(110, 143),
            (OK, "espresso cup: 900 cents, 143 in stock"),
            110,
        ),
        case(
            ("teapot", "teapot"),
            found(80, 2450),
            found(30, 7),
            (OK, "teapot: 2450 cents, 7 in stock"),
            80,
        ),
        case(
            ("tasse à café", "tasse%20%C3%A0%20caf%C3%A9"),
            found(0, 1200),
            found(60, 31),
            (OK, "tasse à café: 1200 cents, 31 in stock"),
            60,
        ),
        case(
            ("milk jug", "milk%20jug"),
            found(50, 1575),
            found(50, 0),
            (OK, "milk jug: 1575 cents, 0 in stock"),
            50,
        ),
        case(
            ("kettle", "kettle"),
            found(140, 4999),
            found(10, 12),
            (OK, "kettle: 4999 cents, 12 in stock"),
            140,
        ),
        case(
            ("filter papers", "filter%20papers"),
            found(40, 350),
            found(130, 500),
            (OK, "filter papers: 350 cents, 500 in stock"),
            130,
        ),
        case(
            ("scale", "scale"),
            found(120, 2999),
            found(0, 18),
            (OK, "scale: 2999 cents, 18 in stock"),
            120,
        ),
        case(
            ("espresso machine", "espresso%20machine"),
            found(150, 129_900),
            found(45, 2),
            (OK, "espresso machine: 129900 cents, 2 in stock"),
            150,
        ),
        case(
            ("moka pot", "moka%20pot"),
            found(60, 3400),
            found(100, 26),
            (OK, "moka pot: 3400 cents, 26 in stock"),
            100,
        ),
    ]
}

/// Items for which one service fails, or both do, at different times: the first
/// failure decides the answer and its time.
fn failing() -> Vec<Case> {
    const OVERLOADED: &str = "pricing service overloaded";
    const OFFLINE: &str = "warehouse database offline";
    vec![
        case(
            ("cleaning brush", "cleaning%20brush"),
            found(110, 600),
            unavailable(25, OFFLINE),
            (
                BAD_GATEWAY,
                "upstream unavailable: warehouse database offline",
            ),
            25,
        ),
        case(
            ("discontinued mug", "discontinued%20mug"),
            unknown(20),
            found(90, 5),
            (NOT_FOUND, "unknown item: discontinued mug"),
            20,
        ),
        case(
            ("travel mug", "travel%20mug"),
            unavailable(70, OVERLOADED),
            unknown(30),
            (NOT_FOUND, "unknown item: travel mug"),
            30,
        ),
        case(
            ("descaler", "descaler"),
            unavailable(35, OVERLOADED),
            found(120, 40),
            (
                BAD_GATEWAY,
                "upstream unavailable: pricing service overloaded",
            ),
            35,
        ),
        case(
            ("knock box", "knock%20box"),
            found(20, 1450),
            unavailable(75, OFFLINE),
            (
                BAD_GATEWAY,
                "upstream unavailable: warehouse database offline",
            ),
            75,
        ),
        case(
            ("gift card", "gift%20card"),
            found(100, 2500),
            unknown(15),
            (NOT_FOUND, "unknown item: gift card"),
            15,
        ),
        case(
            ("cold brew jar", "cold%20brew%20jar"),
            unknown(45),
            unavailable(95, OFFLINE),
            (NOT_FOUND, "unknown item: cold brew jar"),
            45,
        ),
    ]
}

/// The checks' pricing service and warehouse: they answer from the cases, count the
/// calls of the blocking clients, and count the async lookups still running.
struct Shop {
    prices: HashMap<&'static str, Reply<u64>>,
    stocks: HashMap<&'static str, Reply<u32>>,
    blocking_calls: AtomicUsize,
    lookups_running: AtomicUsize,
}

impl Shop {
    fn new(cases: &[Case]) -> Arc<Self> {
        Arc::new(Shop {
            prices: cases.iter().map(|c| (c.item, c.price.clone())).collect(),
            stocks: cases.iter().map(|c| (c.item, c.stock.clone())).collect(),
            blocking_calls: AtomicUsize::new(0),
            lookups_running: AtomicUsize::new(0),
        })
    }

    fn reply_of<T: Clone>(
        replies: &HashMap<&'static str, Reply<T>>,
        item: &str,
    ) -> Reply<T> {
        replies.get(item).cloned().unwrap_or_else(|| unknown(1))
    }

    /// Stands in for a blocking client: a real one would hold the thread until the
    /// service answers; this one only counts the call and answers at once.
    fn blocking<T>(&self, reply: Reply<T>) -> Result<T, LookupError> {
        self.blocking_calls.fetch_add(1, Ordering::SeqCst);
        reply.value
    }

    /// An async lookup: counted as running from its first poll until it is dropped.
    async fn lookup<T>(&self, reply: Reply<T>) -> Result<T, LookupError> {
        let _running = Running::start(&self.lookups_running);
        if !reply.after.is_zero() {
            tokio::time::sleep(reply.after).await;
        }
        reply.value
    }
}

impl Upstream for Shop {
    fn price_blocking(&self, item: &str) -> Result<u64, LookupError> {
        self.blocking(Self::reply_of(&self.prices, item))
    }

    fn stock_blocking(&self, item: &str) -> Result<u32, LookupError> {
        self.blocking(Self::reply_of(&self.stocks, item))
    }

    async fn price(&self, item: &str) -> Result<u64, LookupError> {
        self.lookup(Self::reply_of(&self.prices, item)).await
    }

    async fn stock(&self, item: &str) -> Result<u32, LookupError> {
        self.lookup(Self::reply_of(&self.stocks, item)).await
    }
}

/// Counts one running lookup until dropped (when it ends, or its future is dropped).
struct Running<'shop>(&'shop AtomicUsize);

impl<'shop> Running<'shop> {
    fn start(count: &'shop AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Running(count)
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

type Answer = (StatusCode, String);

const HANDLER_PANICKED: &str = "the handler panicked (its message is above): it \
                                must answer every request with a status";

/// Sends `GET /quote/{path}` through the router in-process.
async fn send(router: Router, path: &str) -> Answer {
    let request = Request::get(format!("/quote/{path}"))
        .body(Body::empty())
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// Sends every case's request at once, each in a task of its own (as each
/// connection has one in a server), and returns, in the cases' order, how long each
/// took on tokio's clock and its answer; `None` where the handler panicked.
async fn ask_all(
    shop: &Arc<Shop>,
    cases: &[Case],
) -> Vec<Option<(Duration, Answer)>> {
    // One router serves every request, as in a server.
    let router = app(Arc::clone(shop));
    let requests: Vec<_> = cases
        .iter()
        .map(|case| tokio::spawn(timed(send(router.clone(), case.path))))
        .collect();
    let mut answers = Vec::new();
    for request in requests {
        answers.push(request.await.ok());
    }
    answers
}

/// Runs every case's request at once on the paused clock, with a shop that knows
/// `cases`, and pairs each case with how long it took and its answer.
fn run_cases(cases: fn() -> Vec<Case>) -> Vec<(Case, Duration, Answer)> {
    let answers = run_paused(move || async move {
        let cases = cases();
        ask_all(&Shop::new(&cases), &cases).await
    });
    cases()
        .into_iter()
        .zip(answers)
        .map(|(case, answer)| {
            let (took, answer) = answer.expect(HANDLER_PANICKED);
            (case, took, answer)
        })
        .collect()
}

/// What a request's time on tokio's clock says about the answer.
fn explain_time(case: &Case, took: Duration) -> String {
    let (price, stock) = (case.price.after, case.stock.after);
    let expected = Duration::from_millis(case.takes_ms);
    let diagnosis = if took.is_zero() {
        "No time passed on tokio's clock: the lookups did not wait through tokio's \
         timer, as a blocking client does (it holds the thread instead). Await the \
         async clients."
            .to_string()
    } else if took == price + stock {
        "That is the sum of the two lookups: they ran one after the other. Start \
         both before waiting for either (a future does nothing until it is polled)."
            .to_string()
    } else if took == price.max(stock) && took > expected {
        format!(
            "That is the slower lookup's time, but the answer was decided after \
             {expected:?}, when the first failure came: answer it then, and drop \
             the lookup that is no longer needed."
        )
    } else {
        String::new()
    };
    format!(
        "GET /quote/{} took {took:?} on tokio's clock; the pricing service answers \
         after {price:?} and the warehouse after {stock:?}, so it should take \
         {expected:?}. {diagnosis}",
        case.path
    )
}

#[test]
fn answers_each_item_with_its_own_price_and_stock() {
    for (case, _, answer) in run_cases(in_stock) {
        let (status, text) = case.expected;
        assert_eq!(
            answer,
            (status, text.to_string()),
            "GET /quote/{} must be answered with the price and the stock of {:?}, \
             in that order, as the task's text says",
            case.path,
            case.item
        );
    }
}

#[test]
fn each_request_takes_as_long_as_its_slower_service() {
    for (case, took, _) in run_cases(in_stock) {
        assert_eq!(
            took,
            Duration::from_millis(case.takes_ms),
            "{}",
            explain_time(&case, took)
        );
    }
}

#[test]
fn the_blocking_clients_are_never_called() {
    let calls = run_paused(|| async {
        let cases: Vec<Case> = in_stock().into_iter().chain(failing()).collect();
        let shop = Shop::new(&cases);
        ask_all(&shop, &cases).await;
        shop.blocking_calls.load(Ordering::SeqCst)
    });
    assert_eq!(
        calls, 0,
        "the handler called a blocking client {calls} times. A blocking client \
         holds the runtime's thread until its service answers, and no other request \
         is served meanwhile: putting the calls in `async` blocks or in `join!` \
         does not change that, since nothing in them ever waits by returning \
         Pending. Await the async clients, `price` and `stock`. (Moving the \
         blocking calls to tokio's blocking pool would take two threads per request \
         to do what one task does by awaiting.)"
    );
}

#[test]
fn errors_keep_their_status_and_message() {
    for (case, _, answer) in run_cases(failing) {
        let (status, text) = case.expected;
        assert_eq!(
            answer,
            (status, text.to_string()),
            "for GET /quote/{}, the pricing service answers {:?} after {:?} and the \
             warehouse {:?} after {:?}: the first failure must be answered, with \
             the status and text that `refusal` gives it (an unknown item is a 404, \
             an unavailable service a 502)",
            case.path,
            case.price.value,
            case.price.after,
            case.stock.value,
            case.stock.after
        );
    }
}

#[test]
fn a_failure_is_answered_without_waiting_for_the_other_service() {
    for (case, took, _) in run_cases(failing) {
        assert_eq!(
            took,
            Duration::from_millis(case.takes_ms),
            "{}",
            explain_time(&case, took)
        );
    }
}

#[test]
fn no_lookup_outlives_its_request() {
    run_paused(|| async {
        let cases = failing();
        let shop = Shop::new(&cases);
        for answer in ask_all(&shop, &cases).await {
            answer.expect(HANDLER_PANICKED);
        }
        assert_no_tasks_left("the handler of a failed request").await;
        let running = shop.lookups_running.load(Ordering::SeqCst);
        assert_eq!(
            running, 0,
            "{running} lookup(s) were still running after every request had been \
             answered with a failure. A lookup whose answer is no longer needed \
             must stop: a spawned task goes on when its JoinHandle is dropped, \
             while a future that is dropped stops where it is."
        );

        // A client that goes away after 5 ms: the server drops its request.
        let slow = in_stock();
        let shop = Shop::new(&slow);
        let gone = tokio::time::timeout(
            Duration::from_millis(5),
            send(app(shop.clone()), "kettle"),
        )
        .await;
        assert!(
            gone.is_err(),
            "GET /quote/kettle was answered within 5 ms on tokio's clock, although \
             its lookups take 140 and 10 ms: they did not wait through tokio's \
             timer (a blocking client holds the thread instead). Await the async \
             clients."
        );
        assert_no_tasks_left("the handler of a dropped request").await;
        let running = shop.lookups_running.load(Ordering::SeqCst);
        assert_eq!(
            running, 0,
            "{running} lookup(s) were still running after their request was dropped \
             (its client went away). When the handler's future is dropped, its \
             lookups must stop with it: spawned tasks do not."
        );
    });
}

#[test]
fn waiting_for_the_services_does_not_spin() {
    let (answer, polls) = run_real_clock(|| async {
        // Real time: the lookups take 20 and 40 ms.
        let press = [case(
            ("french press", "french%20press"),
            found(40, 3900),
            found(20, 9),
            (OK, "french press: 3900 cents, 9 in stock"),
            40,
        )];
        let (request, polls) =
            count_polls(send(app(Shop::new(&press)), press[0].path));
        (request.await, polls)
    });
    assert_eq!(
        answer,
        (OK, "french press: 3900 cents, 9 in stock".to_string()),
        "GET /quote/french%20press, on the real clock"
    );
    polls.assert_at_most(10, "a request that waits 40 ms for its two lookups");
}
