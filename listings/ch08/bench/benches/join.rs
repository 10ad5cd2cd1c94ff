//! Waiting for 1,000 futures: polled together by one task (`join_all`, like
//! `asyncio.gather` of coroutines) or spawned as 1,000 tasks (like `gather` of
//! `create_task`s). `cargo bench -p bench --bench join -- --quick`

use criterion::{Criterion, criterion_group, criterion_main};
use futures::future::join_all;
use std::hint::black_box;

const FUTURES: usize = 1_000;

/// A future that waits once, as a request waiting for I/O would, then answers.
async fn answer_after_one_wait(id: usize) -> usize {
    tokio::task::yield_now().await;
    black_box(id)
}

fn join(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime can be built");
    let mut group = c.benchmark_group("wait for 1000 futures");
    group.bench_function("join_all in one task", |b| {
        b.to_async(&runtime).iter(|| async {
            join_all((0..FUTURES).map(answer_after_one_wait))
                .await
                .len()
        });
    });
    group.bench_function("spawn 1000 tasks", |b| {
        b.to_async(&runtime).iter(|| async {
            let handles: Vec<_> = (0..FUTURES)
                .map(|id| tokio::spawn(answer_after_one_wait(id)))
                .collect();
            join_all(handles).await.len()
        });
    });
    group.finish();
}

criterion_group!(benches, join);
criterion_main!(benches);
