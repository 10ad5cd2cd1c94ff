use course_testkit::{
    CpuProbe, OsThreads, REAL_TIME_LIMIT, Switches, count_polls, os_thread_ids,
    run_paused, run_real_clock,
};
use hand_made_timer::Delay;
use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

const AN_HOUR: Duration = Duration::from_secs(3600);

/// A waker that reports each wake, with its name, on a channel, so a check can wait
/// for it (bounded) and tell which waker was called.
struct Reporter {
    name: &'static str,
    wakes: Sender<&'static str>,
}

impl Wake for Reporter {
    fn wake(self: Arc<Self>) {
        let _ = self.wakes.send(self.name);
    }
}

fn named_waker(name: &'static str, wakes: &Sender<&'static str>) -> Waker {
    let wakes = wakes.clone();
    Waker::from(Arc::new(Reporter { name, wakes }))
}

fn reporting_waker() -> (Waker, Receiver<&'static str>) {
    let (sender, wakes) = channel();
    (named_waker("the waker", &sender), wakes)
}

fn poll_once(delay: &mut Delay, waker: &Waker) -> Poll<()> {
    Pin::new(delay).poll(&mut Context::from_waker(waker))
}

// The delay runs on the real clock (std's `Instant`, a thread of its own): the
// runners lend their real-time limit and their turn (no other check of this binary
// runs meanwhile, so thread counts and CPU time are this check's own).

#[test]
fn a_delay_that_is_due_is_ready_at_its_first_poll() {
    let (zero, overdue) = run_real_clock(|| async {
        let (waker, _wakes) = reporting_waker();
        let zero = poll_once(&mut Delay::new(Duration::ZERO), &waker);
        let mut overdue = Delay::new(Duration::from_millis(1));
        std::thread::sleep(Duration::from_millis(5));
        (zero, poll_once(&mut overdue, &waker))
    });
    assert!(
        zero.is_ready(),
        "a delay of zero must be Ready at its first poll: poll compares the \
         deadline with the clock itself"
    );
    assert!(
        overdue.is_ready(),
        "a 1 ms delay first polled 5 ms after it was made must be Ready at once"
    );
}

#[test]
fn poll_answers_at_once_even_for_a_long_delay() {
    // A poll that sleeps until the deadline would take an hour: the time limit
    // catches it.
    let first = run_real_clock(|| async {
        let (waker, _wakes) = reporting_waker();
        poll_once(&mut Delay::new(AN_HOUR), &waker)
    });
    assert!(
        first.is_pending(),
        "a one-hour delay was Ready at its first poll"
    );
}

#[test]
fn the_waker_is_called_once_when_the_deadline_passes_and_the_delay_is_then_ready() {
    let (woken_after, after_wake, wakes) = run_real_clock(|| async {
        let (waker, wakes) = reporting_waker();
        let made = Instant::now();
        let mut delay = Delay::new(Duration::from_millis(50));
        assert!(
            poll_once(&mut delay, &waker).is_pending(),
            "a 50 ms delay was Ready at once"
        );
        wakes.recv_timeout(REAL_TIME_LIMIT / 2).expect(
            "the waker was never called: the helper thread must call `wake` on the \
             waker stored by the latest Pending poll",
        );
        let woken_after = made.elapsed();
        (woken_after, poll_once(&mut delay, &waker), wakes)
    });
    assert!(
        woken_after >= Duration::from_millis(50),
        "the waker was called {woken_after:?} after the delay was made, before its \
         50 ms deadline: wake only when the deadline has passed"
    );
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
    let (first_called, then_called) = run_real_clock(|| async {
        let (sender, wakes) = channel();
        let mut delay = Delay::new(Duration::from_millis(100));
        assert!(poll_once(&mut delay, &named_waker("A", &sender)).is_pending());
        assert!(poll_once(&mut delay, &named_waker("B", &sender)).is_pending());
        let first_called = wakes
            .recv_timeout(REAL_TIME_LIMIT / 2)
            .expect("no waker was called when the deadline passed");
        (first_called, wakes.try_recv().ok())
    });
    assert_eq!(
        first_called, "B",
        "polled first with waker A, then with waker B: when the deadline passed, A \
         was called. Store the waker of every Pending poll, replacing the earlier \
         one"
    );
    assert_eq!(
        then_called, None,
        "waker B was called, then another one too; only the latest should be"
    );
}

#[test]
fn the_helper_thread_sleeps_until_the_deadline() {
    run_real_clock(|| async {
        let (waker, wakes) = reporting_waker();
        let cpu = CpuProbe::start();
        let before = os_thread_ids().unwrap_or_default();
        let mut delay = Delay::new(Duration::from_millis(400));
        assert!(poll_once(&mut delay, &waker).is_pending());
        let helpers: Vec<u64> = os_thread_ids()
            .unwrap_or_default()
            .difference(&before)
            .cloned()
            .collect();
        std::thread::sleep(Duration::from_millis(300));
        let switched: Option<u64> = helpers
            .iter()
            .map(|&id| Switches::of_thread(id).map(|switches| switches.total()))
            .sum();
        wakes
            .recv_timeout(REAL_TIME_LIMIT / 2)
            .expect("the waker was never called");
        cpu.assert_mostly_idle("the delay's helper thread");
        if let Some(switched) = switched {
            assert!(
                switched <= 6,
                "in the first 300 ms of a 400 ms delay, its helper thread was taken \
                 off the CPU {switched} times; a thread that sleeps until the \
                 deadline is taken off once. Sleep until the deadline in one wait \
                 (one that the delay's drop can still cut short), not in slices \
                 that check the clock"
            );
        }
    });
}

#[test]
fn one_delay_starts_one_thread_however_often_it_is_polled() {
    let started = run_real_clock(|| async {
        let threads = OsThreads::start();
        let before = os_thread_ids();
        let mut seen = BTreeSet::new();
        let mut delay = Delay::new(AN_HOUR);
        if let Some(started) = threads.started() {
            assert_eq!(
                started, 0,
                "a Delay that was made but not polled yet already runs a helper \
                 thread: start it at the first Pending poll (a future does nothing \
                 until polled)"
            );
        }
        for _ in 0..5 {
            let (waker, _wakes) = reporting_waker();
            assert!(poll_once(&mut delay, &waker).is_pending());
            seen.extend(os_thread_ids().unwrap_or_default());
        }
        threads.assert_at_most_started(1, "one Delay polled five times");
        before.map(|before| seen.difference(&before).count())
    });
    if let Some(started) = started {
        assert!(
            started <= 1,
            "one Delay polled five times started {started} helper threads: start \
             the thread at the first Pending poll only, and let it serve the later \
             polls (they only replace the waker)"
        );
    }
}

#[test]
fn dropping_a_pending_delay_ends_its_thread() {
    run_real_clock(|| async {
        let threads = OsThreads::start();
        let (waker, _wakes) = reporting_waker();
        let mut delay = Delay::new(AN_HOUR);
        assert!(poll_once(&mut delay, &waker).is_pending());
        threads.assert_at_most_started(1, "a pending Delay");
        drop(delay);
        threads.assert_all_ended("a Delay that was dropped before its deadline");
    });
}

#[test]
fn tokio_can_await_it_and_runs_other_tasks_meanwhile() {
    let other_task_ran = run_paused(|| async {
        let other_task = tokio::spawn(async {});
        let (delay, polls) = count_polls(Delay::new(Duration::from_millis(20)));
        delay.await;
        polls.assert_at_most(3, "a 20 ms Delay awaited by tokio");
        other_task.is_finished()
    });
    assert!(
        other_task_ran,
        "while tokio awaited the delay, no other task ran on its thread: did `poll` \
         wait for the deadline itself instead of answering Pending?"
    );
}
