//! Listing 5-3: a gateway that asks a local upstream for prices, with a new
//! `reqwest::Client` per request (the article's `async with httpx.AsyncClient()`)
//! against one `Client` built at startup and shared through `State`. The upstream
//! counts the connections it accepts.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::serve::ListenerExt;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

const REQUESTS: usize = 200;

#[derive(Serialize, Deserialize)]
struct Price {
    item: String,
    cents: u64,
}

/// A server on 127.0.0.1:0 that stops when `stop` is sent or dropped.
struct Server {
    address: SocketAddr,
    stop: oneshot::Sender<()>,
    serving: JoinHandle<()>,
}

impl Server {
    // ANCHOR: graceful
    async fn start(app: Router, accepted: Arc<AtomicUsize>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        // Count every connection the server accepts.
        let listener = listener.tap_io(move |_connection| {
            accepted.fetch_add(1, Ordering::SeqCst);
        });
        let (stop, stop_signal) = oneshot::channel::<()>();
        let serving = tokio::spawn(async move {
            axum::serve(listener, app)
                // Stop accepting when signalled, let requests in flight finish.
                .with_graceful_shutdown(async {
                    let _ = stop_signal.await;
                })
                .await
                .unwrap();
        });
        Server {
            address,
            stop,
            serving,
        }
    }

    async fn stop(self) {
        let _ = self.stop.send(());
        self.serving.await.unwrap();
    }
    // ANCHOR_END: graceful
}

async fn upstream_price(Path(item): Path<String>) -> Json<Price> {
    let cents = 100 * item.len() as u64;
    Json(Price { item, cents })
}

// ANCHOR: per_request
/// The article's way: a new client, so a new connection pool, for every request.
async fn price_with_new_client(
    State(upstream): State<SocketAddr>,
    Path(item): Path<String>,
) -> Result<Json<Price>, StatusCode> {
    let client = reqwest::Client::new();
    let url = format!("http://{upstream}/price/{item}");
    let answer = client
        .get(url)
        .send()
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    let price = answer.json().await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(Json(price))
}
// ANCHOR_END: per_request

// ANCHOR: shared
/// Built once, before `serve`: FastAPI's lifespan. `Client` is an `Arc` inside,
/// so cloning the state per request is cheap and every clone shares one pool.
#[derive(Clone)]
struct Gateway {
    client: reqwest::Client,
    upstream: SocketAddr,
}

async fn price_with_shared_client(
    State(gateway): State<Gateway>,
    Path(item): Path<String>,
) -> Result<Json<Price>, StatusCode> {
    let url = format!("http://{}/price/{item}", gateway.upstream);
    let answer = gateway.client.get(url).send().await;
    let answer = answer.map_err(|_| StatusCode::BAD_GATEWAY)?;
    let price = answer.json().await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(Json(price))
}
// ANCHOR_END: shared

/// Sends `REQUESTS` requests one after another through the gateway, and returns
/// how many connections the upstream accepted and how long it took.
async fn measure(
    gateway_app: impl FnOnce(SocketAddr) -> Router,
) -> (usize, Duration) {
    let upstream_connections = Arc::new(AtomicUsize::new(0));
    let upstream_app = Router::new().route("/price/{item}", get(upstream_price));
    let upstream = Server::start(upstream_app, upstream_connections.clone()).await;
    let gateway = Server::start(gateway_app(upstream.address), Arc::default()).await;

    let caller = reqwest::Client::new();
    let started = Instant::now();
    for _ in 0..REQUESTS {
        let url = format!("http://{}/price/teapot", gateway.address);
        let price: Price =
            caller.get(url).send().await.unwrap().json().await.unwrap();
        assert_eq!(price.cents, 600);
    }
    let elapsed = started.elapsed();
    gateway.stop().await;
    upstream.stop().await;
    (upstream_connections.load(Ordering::SeqCst), elapsed)
}

// ANCHOR: main
#[tokio::main]
async fn main() {
    println!(
        "{REQUESTS} requests, one after another, through a gateway to an upstream"
    );
    let columns = ["", "upstream connections", "elapsed", "per request"];
    let [how, connections, elapsed, per_request] = columns;
    println!("{how:<25} {connections:>20} {elapsed:>12} {per_request:>13}");
    let (connections, elapsed) = measure(|upstream| {
        let route = get(price_with_new_client);
        Router::new()
            .route("/price/{item}", route)
            .with_state(upstream)
    })
    .await;
    report("a new client per request", connections, elapsed);

    let (connections, elapsed) = measure(|upstream| {
        let gateway = Gateway {
            client: reqwest::Client::new(),
            upstream,
        };
        let route = get(price_with_shared_client);
        Router::new()
            .route("/price/{item}", route)
            .with_state(gateway)
    })
    .await;
    report("one shared client", connections, elapsed);
}
// ANCHOR_END: main

fn report(how: &str, connections: usize, elapsed: Duration) {
    let per_request = elapsed / REQUESTS as u32;
    let elapsed_ms = elapsed.as_secs_f64() * 1000.0;
    let per_request_us = per_request.as_micros();
    println!(
        "{how:<25} {connections:>20} {elapsed_ms:>9.1} ms {per_request_us:>10} µs"
    );
}
