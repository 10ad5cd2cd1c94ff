//! Listing 2-1: `block_on`, the smallest executor. It polls a future; when the
//! future answers `Pending`, it parks the thread until the future's waker unparks
//! it, then polls again. Only `std`: there is no hidden machinery.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::Duration;

// ANCHOR: block_on
/// The waker of `block_on`: waking the future unparks the thread that waits for it.
struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs `future` to completion on the calling thread and returns its output.
fn block_on<F: Future>(future: F) -> F::Output {
    // `poll` takes `Pin<&mut Self>`: once polled, a future may hold references into
    // itself, so it must stay where it is. `pin!` pins it on this function's stack:
    // from here on, it cannot move until it is dropped.
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker(thread::current())));
    let mut context = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            // Sleep until someone calls `wake`. `park` may also return for no
            // reason; polling again is then harmless, since a future must answer
            // `Pending` again if not ready.
            Poll::Pending => thread::park(),
        }
    }
}
// ANCHOR_END: block_on

// ANCHOR: reply
/// The reply to a request, filled in by a "network" thread: the stand-in for I/O
/// completing.
#[derive(Default)]
struct Slot {
    reply: Option<String>,
    waker: Option<Waker>,
}

/// A future that resolves to the reply once the network thread has delivered it.
struct Reply {
    slot: Arc<Mutex<Slot>>,
    polls: u32,
}

impl Future for Reply {
    type Output = (String, u32);

    fn poll(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Self::Output> {
        self.polls += 1;
        let mut slot = self.slot.lock().unwrap();
        if let Some(reply) = slot.reply.take() {
            println!("poll {}: the reply is here", self.polls);
            drop(slot);
            return Poll::Ready((reply, self.polls));
        }
        // Not ready: leave our waker where the network thread will find it. Storing
        // the latest one matters: an executor may poll us with a different waker
        // each time.
        slot.waker = Some(context.waker().clone());
        println!("poll {}: no reply yet, waker stored", self.polls);
        Poll::Pending
    }
}

/// Sends a request: a thread plays the network and delivers the reply after
/// `latency`.
fn send_request(latency: Duration) -> Reply {
    let slot = Arc::new(Mutex::new(Slot::default()));
    let network = Arc::clone(&slot);
    thread::spawn(move || {
        thread::sleep(latency);
        let mut slot = network.lock().unwrap();
        slot.reply = Some("HTTP/1.1 200 OK".to_string());
        println!("network: reply delivered, calling wake()");
        if let Some(waker) = slot.waker.take() {
            waker.wake();
        }
    });
    Reply { slot, polls: 0 }
}

fn main() {
    let (reply, polls) = block_on(send_request(Duration::from_millis(200)));
    println!("block_on returned {reply:?} after {polls} polls");
}
// ANCHOR_END: reply

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ready_future_is_polled_once() {
        assert_eq!(block_on(async { 6 * 7 }), 42);
    }

    #[test]
    fn a_pending_future_is_polled_again_only_after_its_wake() {
        let (reply, polls) = block_on(send_request(Duration::from_millis(20)));
        assert_eq!(reply, "HTTP/1.1 200 OK");
        // A busy loop would poll for the whole 20 ms; parking polls once per wake (a
        // spurious unpark could add one more).
        assert!(polls <= 3, "polled {polls} times");
    }
}
