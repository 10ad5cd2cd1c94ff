//! Listing 3-3: a future that points into itself. Once polled, `read_request`'s
//! future holds a reference to one of its own locals, so it must stay where it is:
//! that is what `Pin` guarantees. Safe code only: addresses are compared as numbers.

use std::cell::Cell;
use std::future::Future;
use std::mem::size_of_val;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

// ANCHOR: self_reference
/// Parses a request that arrives in two parts. `line` borrows from `buffer`, a
/// local of the same function, across an `.await`: the future keeps both, so one
/// of its fields points at another. `seen_at` records where `line` points.
async fn read_request(seen_at: &Cell<usize>) -> usize {
    let buffer = *b"GET /index.html HTTP/1.1";
    let line = &buffer[..15];
    seen_at.set(line.as_ptr() as usize);
    // Suspended here, holding `line`: the rest of the request is not here yet.
    tokio::task::yield_now().await;
    seen_at.set(line.as_ptr() as usize);
    line.len()
}
// ANCHOR_END: self_reference

/// Where a value lies in memory, as a number: `(start, end)`.
fn span_of<T>(value: &T) -> (usize, usize) {
    let start = value as *const T as usize;
    (start, start + size_of_val(value))
}

// ANCHOR: main
fn main() {
    let seen_at = Cell::new(0);
    let mut context = Context::from_waker(Waker::noop());

    // Before its first poll, the future holds no reference: it may move freely.
    let request = read_request(&seen_at);
    let moved_before_polling = request;
    // Pinned on the heap: from now on it stays at the same address until dropped.
    let mut request: Pin<Box<_>> = Box::pin(moved_before_polling);
    let (start, end) = span_of(&*request);
    println!("the future is {} bytes, pinned on the heap", end - start);

    assert!(request.as_mut().poll(&mut context).is_pending());
    let inside = (start..end).contains(&seen_at.get());
    println!("after one poll, `line` points into the future itself: {inside}");

    // Moving the box moves a pointer to the future, not the future.
    let moved_box = request;
    println!(
        "after moving the box, the future is where it was: {}",
        span_of(&*moved_box) == (start, end)
    );
    let mut request = moved_box;
    let Poll::Ready(length) = request.as_mut().poll(&mut context) else {
        panic!("the second poll finishes the request");
    };
    println!("second poll: the request line is {length} bytes, read through `line`");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suspended_future_points_into_itself_and_stays_put() {
        let seen_at = Cell::new(0);
        let mut context = Context::from_waker(Waker::noop());
        let mut request = Box::pin(read_request(&seen_at));
        let (start, end) = span_of(&*request);
        assert!(request.as_mut().poll(&mut context).is_pending());
        let before = seen_at.get();
        assert!(
            (start..end).contains(&before),
            "`line` points into the future"
        );
        assert_eq!(request.as_mut().poll(&mut context), Poll::Ready(15));
        assert_eq!(
            seen_at.get(),
            before,
            "the future did not move between polls"
        );
    }
}
