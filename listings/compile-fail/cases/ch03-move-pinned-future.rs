// Once polled, this future points into itself: the compiler will not let it be
// taken out of its pin and moved.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Waker};

async fn read_request() -> usize {
    let buffer = *b"GET /index.html HTTP/1.1";
    let line = &buffer[..15];
    tokio::task::yield_now().await;
    line.len()
}

fn main() {
    let mut context = Context::from_waker(Waker::noop());
    let mut request = Box::pin(read_request());
    let _ = request.as_mut().poll(&mut context); // now `line` points into it
    let unpinned: Box<_> = Pin::into_inner(request);
    let moved = *unpinned; // the future would move, and `line` would dangle
    drop(moved);
}
