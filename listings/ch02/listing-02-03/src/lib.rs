//! Listing 2-3: the executor of Listing 2-2 plus a timer reactor, so that several
//! sleeping tasks wait at the same time on one thread. Every poll and wake is
//! recorded in a trace, which `cargo run -p listing-02-03 --bin timeline` turns into
//! the chapter's picture.

pub mod executor;
pub mod timeline_svg;
pub mod timer;
pub mod trace;

use executor::{Executor, Stats};
use std::sync::Arc;
use std::time::{Duration, Instant};
use timer::TimerReactor;
use trace::Trace;

// ANCHOR: fetch
/// A stand-in for an HTTP request: one second of network latency, then the body.
async fn fetch_data(reactor: Arc<TimerReactor>, url: &str) -> String {
    reactor.sleep(Duration::from_secs(1)).await;
    format!("Data from {url}")
}

/// Runs the article's example both ways on our executor: three fetches as three
/// tasks, and three fetches awaited one after another in a fourth task. Returns what
/// each task printed.
pub fn fetch_three_ways(trace: &Trace) -> (Vec<String>, Stats) {
    let reactor = Arc::new(TimerReactor::start());
    let mut executor = Executor::new(trace.clone());
    let start = Instant::now();
    let (report, lines) = std::sync::mpsc::channel();
    let urls = [
        ("api1", "api1.example.com"),
        ("api2", "api2.example.com"),
        ("api3", "api3.example.com"),
    ];
    for (task, url) in urls {
        let (reactor, report) = (Arc::clone(&reactor), report.clone());
        executor.spawn(task, async move {
            let body = fetch_data(reactor, url).await;
            let _ = report
                .send(format!("{task}: {body:?} after {:.2?}", start.elapsed()));
        });
    }
    executor.spawn("in sequence", async move {
        let mut bodies = Vec::new();
        for url in ["api1.example.com", "api2.example.com", "api3.example.com"] {
            bodies.push(fetch_data(Arc::clone(&reactor), url).await);
        }
        let _ = report.send(format!(
            "in sequence: {} bodies after {:.2?}",
            bodies.len(),
            start.elapsed()
        ));
    });
    let stats = executor.run();
    (lines.try_iter().collect(), stats)
}
// ANCHOR_END: fetch
