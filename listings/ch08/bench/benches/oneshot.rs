//! One request through the axum router in-process (tower's `oneshot`, no sockets),
//! with zero latency: the framework's own cost per request, and what
//! `spawn_blocking` adds to it. `cargo bench -p bench --bench oneshot -- --quick`

use axum::body::Body;
use axum::http::Request;
use bench::endpoints::{Backend, Endpoint, router};
use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;
use tower::ServiceExt;

// ANCHOR: oneshot
fn oneshot(c: &mut Criterion) {
    let runtime =
        tokio::runtime::Runtime::new().expect("a tokio runtime can be built");
    let app = router(Backend::sleeping(Duration::ZERO));
    let mut group = c.benchmark_group("one request in-process");
    for endpoint in [Endpoint::Async, Endpoint::Sync] {
        group.bench_function(endpoint.name(), |b| {
            b.to_async(&runtime).iter(|| async {
                let request =
                    Request::get(endpoint.path()).body(Body::empty()).unwrap();
                let response = app.clone().oneshot(request).await.unwrap();
                assert!(response.status().is_success());
            });
        });
    }
    group.finish();
}
// ANCHOR_END: oneshot

criterion_group!(benches, oneshot);
criterion_main!(benches);
