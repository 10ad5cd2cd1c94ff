use block_on::block_on;
use course_testkit::run_paused;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// A delivery that another thread completes after `latency`: the stand-in for I/O.
/// Counts how many times it was polled.
struct Delivery {
    latency: Duration,
    state: Arc<Mutex<(Option<&'static str>, Option<Waker>)>>,
    courier_started: bool,
    polls: u32,
}

impl Delivery {
    fn after(latency: Duration) -> Self {
        Self {
            latency,
            state: Arc::default(),
            courier_started: false,
            polls: 0,
        }
    }
}

impl Future for Delivery {
    type Output = (&'static str, u32);

    fn poll(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Self::Output> {
        self.polls += 1;
        let mut state = self.state.lock().unwrap();
        if let Some(parcel) = state.0.take() {
            drop(state);
            return Poll::Ready((parcel, self.polls));
        }
        state.1 = Some(context.waker().clone());
        drop(state);
        if !self.courier_started {
            self.courier_started = true;
            let (latency, state) = (self.latency, Arc::clone(&self.state));
            std::thread::spawn(move || {
                std::thread::sleep(latency);
                let mut state = state.lock().unwrap();
                state.0 = Some("parcel");
                if let Some(waker) = state.1.take() {
                    waker.wake();
                }
            });
        }
        Poll::Pending
    }
}

/// Wakes itself `times` times before it is ready, as `tokio::task::yield_now` does
/// once.
struct YieldTimes {
    times: u32,
}

impl Future for YieldTimes {
    type Output = &'static str;

    fn poll(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<&'static str> {
        if self.times == 0 {
            return Poll::Ready("done yielding");
        }
        self.times -= 1;
        context.waker().wake_by_ref();
        Poll::Pending
    }
}

// `run_paused` only lends its real-time limit here: `block_on` runs our own futures,
// not tokio's.
#[test]
fn a_ready_future_gives_its_output() {
    let total = run_paused(|| async { block_on(async { 19 + 23 }) });
    assert_eq!(total, 42);
}

#[test]
fn a_future_completed_by_another_thread_is_polled_only_when_woken() {
    let (parcel, polls) = run_paused(|| async {
        block_on(Delivery::after(Duration::from_millis(100)))
    });
    assert_eq!(parcel, "parcel");
    assert!(
        polls <= 3,
        "the future was polled {polls} times while it waited for another thread: poll it once, \
         then sleep until its waker is called (a loop that polls again at once burns a core)"
    );
}

#[test]
fn a_wake_that_comes_before_the_sleep_is_not_lost() {
    // The future wakes itself *during* poll, before block_on goes to sleep: a
    // block_on that forgets such a wake sleeps forever, and the time limit reports
    // it.
    let outcome = run_paused(|| async { block_on(YieldTimes { times: 3 }) });
    assert_eq!(outcome, "done yielding");
}
