use course_testkit::{REAL_TIME_LIMIT, run_paused};
use hand_made_timer::Delay;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

/// A waker that reports each wake on a channel, so a check can wait for it
/// (bounded).
struct Reporter(Sender<()>);

impl Wake for Reporter {
    fn wake(self: Arc<Self>) {
        let _ = self.0.send(());
    }
}

fn reporting_waker() -> (Waker, Receiver<()>) {
    let (sender, wakes) = channel();
    (Waker::from(Arc::new(Reporter(sender))), wakes)
}

fn poll_once(delay: &mut Delay, waker: &Waker) -> Poll<()> {
    Pin::new(delay).poll(&mut Context::from_waker(waker))
}

#[test]
fn a_zero_delay_is_ready_at_once() {
    let ready = run_paused(|| async {
        let (waker, _wakes) = reporting_waker();
        poll_once(&mut Delay::new(Duration::ZERO), &waker).is_ready()
    });
    assert!(ready, "a delay of zero must be Ready at its first poll");
}

#[test]
fn poll_answers_at_once_even_for_a_long_delay() {
    // A poll that sleeps until the deadline would take an hour: the time limit
    // catches it.
    let first = run_paused(|| async {
        let (waker, _wakes) = reporting_waker();
        poll_once(&mut Delay::new(Duration::from_secs(3600)), &waker)
    });
    assert!(
        first.is_pending(),
        "a one-hour delay was Ready at its first poll"
    );
}

#[test]
fn the_waker_is_called_when_the_deadline_passes_and_the_delay_is_then_ready() {
    let (wakes, after_wake) = run_paused(|| async {
        let (waker, wakes) = reporting_waker();
        let mut delay = Delay::new(Duration::from_millis(50));
        assert!(
            poll_once(&mut delay, &waker).is_pending(),
            "ready before its deadline"
        );
        wakes
            .recv_timeout(REAL_TIME_LIMIT / 2)
            .expect("the waker was never called: the helper thread must call `wake` on the waker stored by the last Pending poll");
        (wakes, poll_once(&mut delay, &waker))
    });
    assert!(
        after_wake.is_ready(),
        "woken, but the next poll was still Pending"
    );
    assert!(
        wakes.try_recv().is_err(),
        "the waker was called more than once"
    );
}

#[test]
fn the_latest_waker_is_the_one_called() {
    let (first_woken, second_woken) = run_paused(|| async {
        let (first, first_wakes) = reporting_waker();
        let (second, second_wakes) = reporting_waker();
        let mut delay = Delay::new(Duration::from_millis(100));
        assert!(poll_once(&mut delay, &first).is_pending());
        assert!(poll_once(&mut delay, &second).is_pending());
        let second_woken = second_wakes.recv_timeout(REAL_TIME_LIMIT / 2).is_ok();
        (first_wakes.try_recv().is_ok(), second_woken)
    });
    assert!(
        second_woken,
        "polled with a new waker, the delay never called it: store the waker of every Pending poll"
    );
    assert!(
        !first_woken,
        "the delay called a waker from an earlier poll: an executor may give a task a new waker \
         at each poll, and only the latest one is sure to reach the task"
    );
}

#[test]
fn tokio_can_await_it_and_runs_other_tasks_meanwhile() {
    let other_task_ran = run_paused(|| async {
        let other_task = tokio::spawn(async {});
        Delay::new(Duration::from_millis(20)).await;
        other_task.is_finished()
    });
    assert!(
        other_task_ran,
        "while tokio awaited the delay, no other task ran on its thread: did `poll` wait for \
         the deadline itself instead of answering Pending?"
    );
}
