//! What it costs to start one unit of concurrent work and wait for it: a tokio task
//! against an OS thread. `cargo bench -p bench --bench spawn -- --quick`

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn spawn(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime can be built");
    let mut group = c.benchmark_group("spawn and join one");
    group.bench_function("tokio task", |b| {
        b.to_async(&runtime)
            .iter(|| async { tokio::spawn(async { black_box(1) }).await.unwrap() });
    });
    group.bench_function("OS thread", |b| {
        b.iter(|| std::thread::spawn(|| black_box(1)).join().unwrap());
    });
    group.finish();
}

criterion_group!(benches, spawn);
criterion_main!(benches);
