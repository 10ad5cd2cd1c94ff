//! Chapter 7's measurement: what the CPU work of one endpoint does to a light
//! endpoint of the same service.
//!
//! One axum service has two routes: `/thumbnail`, which computes for some
//! milliseconds, and `/health`, which answers at once. For each place the
//! thumbnail's CPU work can run ([`Placement`]), the service runs on a multi-thread
//! runtime with one worker per core while a few clients ask for thumbnails without
//! pause, and one more client asks for `/health` at a steady pace and records how
//! long each answer took. The table ([`render_table`]) holds the light endpoint's
//! median and 99th percentile and the thumbnails served per second; the plot
//! ([`draw`]) is drawn from the table alone, so `--check` can redraw it from the
//! committed file.

use crate::server::{listen_on_loopback, serve};
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use course_svg::{Anchor, Colour, Document};
use http_body_util::{BodyExt, Empty};
use hyper::Request;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

/// Where the thumbnail's CPU work runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// In the handler, on the runtime's worker thread.
    Inline,
    /// On tokio's blocking pool, a thread per job.
    SpawnBlocking,
    /// On rayon's global pool, one thread per core, awaited through a `oneshot`.
    Rayon,
    /// On tokio's blocking pool, at most [`bounded_places`] jobs at once.
    Bounded,
}

impl Placement {
    pub const ALL: [Placement; 4] = [
        Placement::Inline,
        Placement::SpawnBlocking,
        Placement::Rayon,
        Placement::Bounded,
    ];

    /// The row's label in the table and the plot.
    pub fn label(self) -> &'static str {
        match self {
            Placement::Inline => "inline, in the handler",
            Placement::SpawnBlocking => "spawn_blocking",
            Placement::Rayon => "rayon, through a oneshot",
            Placement::Bounded => "spawn_blocking behind a Semaphore",
        }
    }
}

/// How much work and load one measurement uses.
#[derive(Debug, Clone, Copy)]
pub struct Setup {
    /// Rounds of the thumbnail's work (see [`render_thumbnail`]).
    pub work: u64,
    /// Clients asking for thumbnails, each one request after another.
    pub heavy_clients: usize,
    /// How often the light client asks for `/health`.
    pub probe_every: Duration,
    /// How long each placement is measured.
    pub per_row: Duration,
}

impl Setup {
    /// The chapter's measurement: a few seconds per row.
    pub const RECORDED: Setup = Setup {
        work: 10_000_000,
        heavy_clients: 8,
        probe_every: Duration::from_millis(10),
        per_row: Duration::from_secs(3),
    };
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub health_p50_ms: f64,
    pub health_p99_ms: f64,
    pub thumbnails_per_s: f64,
}

// ANCHOR: work
/// The CPU work of one thumbnail: `rounds` steps of a 64-bit mix over made-up
/// pixels. No waiting, no allocation: a core is busy for the whole call.
pub fn render_thumbnail(rounds: u64) -> u64 {
    (0..rounds).fold(0xcbf2_9ce4_8422_2325, |hash, pixel| {
        (hash ^ pixel).wrapping_mul(0x0100_0000_01b3)
    })
}
// ANCHOR_END: work

#[derive(Clone)]
struct Service {
    placement: Placement,
    work: u64,
    /// For [`Placement::Bounded`]: the places of the jobs that may run at once.
    places: Arc<Semaphore>,
}

async fn health() -> &'static str {
    "ok"
}

// ANCHOR: thumbnail
async fn thumbnail(State(service): State<Service>) -> String {
    let work = service.work;
    let digest = match service.placement {
        Placement::Inline => render_thumbnail(work),
        Placement::SpawnBlocking => {
            tokio::task::spawn_blocking(move || render_thumbnail(work))
                .await
                .expect("render_thumbnail does not panic")
        }
        Placement::Rayon => {
            let (reply, answer) = tokio::sync::oneshot::channel();
            rayon::spawn(move || {
                let _ = reply.send(render_thumbnail(work));
            });
            answer.await.expect("render_thumbnail does not panic")
        }
        Placement::Bounded => {
            let place = service
                .places
                .clone()
                .acquire_owned()
                .await
                .expect("the semaphore is never closed");
            tokio::task::spawn_blocking(move || {
                let _place = place;
                render_thumbnail(work)
            })
            .await
            .expect("render_thumbnail does not panic")
        }
    };
    format!("{digest:016x}")
}
// ANCHOR_END: thumbnail

/// How many thumbnails [`Placement::Bounded`] lets run at once: one core fewer
/// than the machine has, so one is always left for the runtime (at least one).
pub fn bounded_places() -> usize {
    cores().saturating_sub(1).max(1)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn router(placement: Placement, work: u64) -> Router {
    let service = Service {
        placement,
        work,
        places: Arc::new(Semaphore::new(bounded_places())),
    };
    Router::new()
        .route("/health", get(health))
        .route("/thumbnail", get(thumbnail))
        .with_state(service)
}

/// How long one thumbnail takes alone, on this thread (the best of five).
pub fn thumbnail_alone(work: u64) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(render_thumbnail(std::hint::black_box(work)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Measures every placement with `setup`, one after another.
pub fn measure(setup: Setup) -> Result<Vec<Row>, String> {
    Placement::ALL
        .iter()
        .map(|&placement| measure_one(placement, setup))
        .collect()
}

/// Serves one placement on its own multi-thread runtime (one worker per core), and
/// loads it from a current-thread runtime on this thread.
fn measure_one(placement: Placement, setup: Setup) -> Result<Row, String> {
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server's runtime: {e}"))?;
    let listener = server_runtime
        .block_on(async { listen_on_loopback(0) })
        .map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot read the server's address: {e}"))?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = server_runtime.spawn(serve(
        listener,
        router(placement, setup.work),
        async move {
            let _ = stopped.await;
        },
    ));

    let client_runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the client's runtime: {e}"))?;
    let measured = client_runtime.block_on(load(address, setup));
    let _ = stop.send(());
    let _ = server_runtime.block_on(server);
    // Thumbnails still running on the blocking pool end within milliseconds.
    server_runtime.shutdown_timeout(Duration::from_secs(5));
    let (mut latencies, thumbnails) = measured?;
    if latencies.is_empty() {
        return Err(format!(
            "{}: no /health request succeeded",
            placement.label()
        ));
    }
    latencies.sort_unstable();
    Ok(Row {
        label: placement.label().to_string(),
        health_p50_ms: millis(crate::client::percentile(&latencies, 50)),
        health_p99_ms: millis(crate::client::percentile(&latencies, 99)),
        thumbnails_per_s: thumbnails as f64 / setup.per_row.as_secs_f64(),
    })
}

/// The heavy clients and the light one, for `setup.per_row`; returns the light
/// requests' latencies and how many thumbnails were served.
async fn load(
    address: SocketAddr,
    setup: Setup,
) -> Result<(Vec<Duration>, usize), String> {
    let deadline = tokio::time::Instant::now() + setup.per_row;
    let served = Arc::new(AtomicUsize::new(0));
    let mut heavy = tokio::task::JoinSet::new();
    for _ in 0..setup.heavy_clients {
        let served = served.clone();
        heavy.spawn(async move {
            let mut connection = Connection::open(address).await?;
            while tokio::time::Instant::now() < deadline {
                connection.get(address, "/thumbnail").await?;
                served.fetch_add(1, Ordering::Relaxed);
            }
            Ok::<(), String>(())
        });
    }
    let mut probe = Connection::open(address).await?;
    let mut ticks = tokio::time::interval(setup.probe_every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut latencies = Vec::new();
    while tokio::time::Instant::now() < deadline {
        ticks.tick().await;
        let start = Instant::now();
        probe.get(address, "/health").await?;
        latencies.push(start.elapsed());
    }
    // Each heavy client ends after its request in progress; bounded by the
    // thumbnails still queued.
    while let Some(ended) =
        tokio::time::timeout(Duration::from_secs(30), heavy.join_next())
            .await
            .map_err(|_| {
                "the thumbnail clients did not end within 30 s".to_string()
            })?
    {
        ended.map_err(|e| format!("a thumbnail client crashed: {e}"))??;
    }
    Ok((latencies, served.load(Ordering::Relaxed)))
}

/// One HTTP/1.1 connection, kept alive from request to request.
struct Connection {
    sender: hyper::client::conn::http1::SendRequest<Empty<Bytes>>,
}

impl Connection {
    async fn open(address: SocketAddr) -> Result<Self, String> {
        let stream = TcpStream::connect(address)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        let _ = stream.set_nodelay(true);
        let (sender, connection) =
            hyper::client::conn::http1::handshake(TokioIo::new(stream))
                .await
                .map_err(|e| format!("handshake: {e}"))?;
        tokio::spawn(connection);
        Ok(Self { sender })
    }

    async fn get(&mut self, address: SocketAddr, path: &str) -> Result<(), String> {
        let request = Request::get(path)
            .header(hyper::header::HOST, address.to_string())
            .body(Empty::new())
            .map_err(|e| format!("bad request: {e}"))?;
        let response = tokio::time::timeout(
            Duration::from_secs(30),
            self.sender.send_request(request),
        )
        .await
        .map_err(|_| format!("GET {path}: no answer within 30 s"))?
        .map_err(|e| format!("GET {path}: {e}"))?;
        if !response.status().is_success() {
            return Err(format!("GET {path}: status {}", response.status()));
        }
        response
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("GET {path}: {e}"))?;
        Ok(())
    }
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The table's header, which [`parse_table`] finds again.
const HEADER: &str = concat!(
    "| The thumbnail's CPU work runs | `/health` p50 | `/health` p99 ",
    "| thumbnails per second |"
);

/// The committed file: a note saying where it comes from, then the table.
pub fn render_table(
    machine: &str,
    setup: Setup,
    alone: Duration,
    rows: &[Row],
) -> String {
    let mut text = format!(
        "Measured on {machine} by `cargo xtask regen figures`. One thumbnail alone \
         takes {:.1} ms. For {} s per row, {} clients ask for thumbnails one after \
         another, without pause, while one more client asks for `/health` every {} \
         ms. The service runs on a multi-thread runtime with one worker per core; \
         the `Semaphore` lets {} thumbnail job(s) run at once, one core fewer than \
         the machine has.\n\n{HEADER}\n|---|---|---|---|\n",
        millis(alone),
        setup.per_row.as_secs(),
        setup.heavy_clients,
        setup.probe_every.as_millis(),
        bounded_places(),
    );
    for row in rows {
        text.push_str(&format!(
            "| {} | {:.2} ms | {:.2} ms | {:.0} |\n",
            row.label, row.health_p50_ms, row.health_p99_ms, row.thumbnails_per_s
        ));
    }
    text
}

/// The rows of a committed table.
pub fn parse_table(text: &str) -> Result<Vec<Row>, String> {
    let after_header = text
        .split_once(HEADER)
        .ok_or("the table's header is missing")?
        .1;
    let milliseconds = |cell: &str| -> Result<f64, String> {
        cell.trim()
            .trim_end_matches("ms")
            .trim()
            .parse()
            .map_err(|_| format!("not a duration in milliseconds: `{cell}`"))
    };
    after_header
        .lines()
        .skip(2)
        .filter(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').collect();
            let [label, p50, p99, per_second] = cells[..] else {
                return Err(format!("not a row of four cells: `{line}`"));
            };
            Ok(Row {
                label: label.trim().to_string(),
                health_p50_ms: milliseconds(p50)?,
                health_p99_ms: milliseconds(p99)?,
                thumbnails_per_s: per_second
                    .trim()
                    .parse()
                    .map_err(|_| format!("not a number: `{per_second}`"))?,
            })
        })
        .collect()
}

/// The plot: each placement's p50 and p99 of `/health`, as bars on a logarithmic
/// scale of milliseconds.
pub fn draw(table: &str) -> Result<String, String> {
    let rows = parse_table(table)?;
    if rows.is_empty() {
        return Err("the table has no rows".into());
    }
    let (left, right, top, bar, gap) = (250.0, 710.0, 50.0, 14.0, 16.0);
    let row_height = 2.0 * bar + gap;
    let bottom = top + row_height * rows.len() as f64;
    let height = bottom + 50.0;
    let smallest = rows
        .iter()
        .map(|row| row.health_p50_ms)
        .fold(f64::INFINITY, f64::min)
        .max(0.001);
    let largest = rows
        .iter()
        .map(|row| row.health_p99_ms)
        .fold(0.0, f64::max)
        .max(smallest * 10.0);
    // Whole decades of milliseconds around the data: 10^low_exponent ..
    let low_exponent = smallest.log10().floor() as i32;
    let high_exponent = largest.log10().ceil() as i32;
    let span = f64::from(high_exponent - low_exponent);
    let x = |ms: f64| {
        let decades =
            ms.max(10f64.powi(low_exponent)).log10() - f64::from(low_exponent);
        left + (right - left) * decades / span
    };
    let mut svg = Document::new(
        760.0,
        height,
        "Latency of /health while thumbnails are computed, by where their work runs",
    );
    svg.heading(
        10.0,
        20.0,
        "/health latency while other clients ask for thumbnails (log scale)",
    );
    for exponent in low_exponent..=high_exponent {
        let decade = 10f64.powi(exponent);
        svg.vertical_grid_line(
            x(decade),
            top - 6.0,
            bottom,
            &decade_label(exponent),
        );
    }
    for (index, row) in rows.iter().enumerate() {
        let y = top + row_height * index as f64;
        svg.text(left - 8.0, y + bar + 4.0, &row.label, Anchor::End);
        svg.rect(left, y, x(row.health_p50_ms) - left, bar, Colour::Blue);
        svg.rect(
            left,
            y + bar,
            x(row.health_p99_ms) - left,
            bar,
            Colour::Orange,
        );
    }
    let legend = bottom + 30.0;
    svg.rect(left, legend - 10.0, 12.0, 12.0, Colour::Blue);
    svg.text(left + 18.0, legend, "median (p50)", Anchor::Start);
    svg.rect(left + 130.0, legend - 10.0, 12.0, 12.0, Colour::Orange);
    svg.text(left + 148.0, legend, "99th percentile (p99)", Anchor::Start);
    Ok(svg.finish())
}

/// `10^exponent` milliseconds, written out: `0.01 ms`, `1 ms`, `100 ms`.
fn decade_label(exponent: i32) -> String {
    if exponent >= 0 {
        format!("1{} ms", "0".repeat(exponent.unsigned_abs() as usize))
    } else {
        let zeros = "0".repeat(exponent.unsigned_abs() as usize - 1);
        format!("0.{zeros}1 ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = concat!(
        "Measured on a test machine.\n\n",
        "| The thumbnail's CPU work runs | `/health` p50 | `/health` p99 ",
        "| thumbnails per second |\n",
        "|---|---|---|---|\n",
        "| inline, in the handler | 9.50 ms | 41.00 ms | 95 |\n",
        "| spawn_blocking | 0.80 ms | 12.25 ms | 99 |\n",
    );

    #[test]
    fn a_table_is_read_back_as_written() {
        let rows = parse_table(TABLE).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].label, "spawn_blocking");
        assert_eq!(rows[1].health_p99_ms, 12.25);
        let again =
            render_table("a test machine", Setup::RECORDED, Duration::ZERO, &rows);
        assert_eq!(parse_table(&again).unwrap(), rows);
    }

    #[test]
    fn the_plot_has_a_bar_per_percentile_and_row() {
        let svg = draw(TABLE).unwrap();
        assert_eq!(
            svg.matches("<rect").count(),
            1 + 4 + 2,
            "background, bars, legend"
        );
        assert!(svg.contains("inline, in the handler"));
        assert!(draw("no table").unwrap_err().contains("header"));
        assert_eq!(decade_label(-2), "0.01 ms");
        assert_eq!(decade_label(0), "1 ms");
        assert_eq!(decade_label(3), "1000 ms");
    }

    /// A smoke check of the whole measurement, tiny and short: every placement
    /// serves both routes. It asserts no duration.
    #[test]
    fn every_placement_serves_both_routes() {
        let setup = Setup {
            work: 1_000,
            heavy_clients: 2,
            probe_every: Duration::from_millis(5),
            per_row: Duration::from_millis(100),
        };
        let rows = measure(setup).unwrap();
        assert_eq!(rows.len(), Placement::ALL.len());
        for row in rows {
            assert!(row.thumbnails_per_s > 0.0, "{}: no thumbnail", row.label);
        }
    }
}
