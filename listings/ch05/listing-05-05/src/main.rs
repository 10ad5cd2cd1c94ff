//! Listing 5-5: the article's `/bad-example` in axum: a blocking HTTP client
//! (`reqwest::blocking`, Rust's `requests`) called inside an async handler, and
//! the two fixes: the async client, or the blocking call moved to
//! `spawn_blocking`.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::net::TcpListener;

// ANCHOR: handlers
/// The article's mistake: a blocking call on the runtime's thread.
async fn bad_example(
    State(upstream): State<SocketAddr>,
) -> Result<String, StatusCode> {
    let answer = reqwest::blocking::get(format!("http://{upstream}/quote"));
    answer
        .and_then(|a| a.text())
        .map_err(|_| StatusCode::BAD_GATEWAY)
}

/// The article's fix: the async client (shared, as Listing 5-3 shows).
async fn good_example(
    State(upstream): State<SocketAddr>,
) -> Result<String, StatusCode> {
    let answer = reqwest::get(format!("http://{upstream}/quote")).await;
    let answer = answer.map_err(|_| StatusCode::BAD_GATEWAY)?;
    answer.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}

/// When only a blocking library exists: FastAPI's `def` handler, made explicit.
/// The call runs on tokio's blocking pool, the runtime's threads stay free.
async fn blocking_off_the_runtime(
    State(upstream): State<SocketAddr>,
) -> Result<String, StatusCode> {
    let call = tokio::task::spawn_blocking(move || {
        let answer = reqwest::blocking::get(format!("http://{upstream}/quote"))?;
        answer.text()
    });
    let answer = call.await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    answer.map_err(|_| StatusCode::BAD_GATEWAY)
}
// ANCHOR_END: handlers

async fn serve_on_loopback(app: Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

/// Prints `text` after `indent`, broken at spaces into lines of at most 80
/// columns, so that the output fits the book's page.
fn print_wrapped(indent: &str, text: &str) {
    let mut line = String::new();
    for word in text.split(' ') {
        let too_long = indent.len() + line.len() + 1 + word.len() > 80;
        if !line.is_empty() && too_long {
            println!("{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    println!("{indent}{line}");
}

// ANCHOR: main
#[tokio::main]
async fn main() {
    // Keep the first line of each panic message, to print it below.
    let panics = Arc::new(Mutex::new(Vec::new()));
    let recorded = panics.clone();
    std::panic::set_hook(Box::new(move |panic| {
        let message = panic.payload_as_str().unwrap_or_default();
        let first_line = message.lines().next().unwrap_or_default();
        recorded.lock().unwrap().push(first_line.to_owned());
    }));

    let quotes = Router::new().route("/quote", get(|| async { "teapot: 19.99" }));
    let upstream = serve_on_loopback(quotes).await;
    let app = Router::new()
        .route("/bad-example", get(bad_example))
        .route("/good-example", get(good_example))
        .route("/spawn-blocking-example", get(blocking_off_the_runtime))
        .with_state(upstream);
    let gateway = serve_on_loopback(app).await;

    let client = reqwest::Client::new();
    for path in ["/bad-example", "/good-example", "/spawn-blocking-example"] {
        match client.get(format!("http://{gateway}{path}")).send().await {
            Ok(answer) => println!("GET {path} -> {}", answer.status()),
            // The handler's panic ended the connection's task: no answer at all.
            Err(_) => println!("GET {path} -> no answer, the connection was closed"),
        }
        for message in panics.lock().unwrap().drain(..) {
            print_wrapped("  ", &format!("the handler panicked: {message}"));
        }
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use course_testkit::BlockingProbe;
    use tower::ServiceExt;

    // ANCHOR: stall
    /// A handler that waits in a blocking call, like `time.sleep` in `async def`.
    /// Its stand-in for the call is the probe's wait: it lasts until a task on the
    /// runtime (the health check) has run, at most `BlockingProbe::PATIENCE`.
    async fn sleeps_inline(State(health_check): State<BlockingProbe>) -> String {
        let health_check_ran = health_check.runtime_ran_meanwhile();
        format!("health check answered meanwhile: {health_check_ran}")
    }

    async fn sleeps_on_the_blocking_pool(
        State(health_check): State<BlockingProbe>,
    ) -> String {
        let wait = move || health_check.runtime_ran_meanwhile();
        let health_check_ran = tokio::task::spawn_blocking(wait).await.unwrap();
        format!("health check answered meanwhile: {health_check_ran}")
    }

    /// Calls `handler` on a one-thread runtime while a health-check task waits.
    async fn call_with_health_check<H, T>(handler: H) -> String
    where
        H: axum::handler::Handler<T, BlockingProbe>,
        T: 'static,
    {
        let health_check = BlockingProbe::start();
        let app = Router::new()
            .route("/", get(handler))
            .with_state(health_check);
        let request = Request::get("/").body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        let body = http_body_util::BodyExt::collect(response.into_body()).await;
        String::from_utf8(body.unwrap().to_bytes().to_vec()).unwrap()
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_blocking_call_in_the_handler_stalls_the_health_check() {
        let answer = call_with_health_check(sleeps_inline).await;
        assert_eq!(answer, "health check answered meanwhile: false");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn on_the_blocking_pool_the_health_check_answers() {
        let answer = call_with_health_check(sleeps_on_the_blocking_pool).await;
        assert_eq!(answer, "health check answered meanwhile: true");
    }
    // ANCHOR_END: stall
}
