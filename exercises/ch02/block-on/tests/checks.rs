use block_on::{TimedOut, block_on_timeout};
use course_testkit::{
    CpuProbe, OsThreads, REAL_TIME_LIMIT, Switches, run_real_clock,
};
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const AN_HOUR: Duration = Duration::from_secs(3600);
const OK_REPLY: &str = "HTTP/1.1 200 OK";

/// A reply that another thread delivers, as I/O completes. `block_on_timeout` polls
/// one clone; the check wakes another. It counts its polls, and the polls that came
/// although nobody had called the waker since the previous one.
#[derive(Clone, Default)]
struct Reply(Arc<Mutex<ReplyState>>);

#[derive(Default)]
struct ReplyState {
    delivered: bool,
    waker: Option<Waker>,
    wakes: u32,
    woken_since_last_poll: bool,
    polls: u32,
    polls_without_wake: u32,
    /// Told of every `Pending` answer, for checks that wake only after a poll.
    pending_answers: Option<Sender<()>>,
}

impl Reply {
    /// Calls the waker of the latest poll; `deliver` makes the next poll `Ready`.
    fn wake(&self, deliver: bool) {
        let waker = {
            let mut state = self.0.lock().unwrap();
            state.delivered |= deliver;
            state.wakes += 1;
            state.woken_since_last_poll = true;
            state.waker.clone()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    fn polls(&self) -> u32 {
        self.0.lock().unwrap().polls
    }

    fn polls_without_wake(&self) -> u32 {
        self.0.lock().unwrap().polls_without_wake
    }

    fn wakes(&self) -> u32 {
        self.0.lock().unwrap().wakes
    }

    /// From now on, every `Pending` answer sends a message on the returned channel.
    fn report_pending_answers(&self) -> Receiver<()> {
        let (sender, answers) = channel();
        self.0.lock().unwrap().pending_answers = Some(sender);
        answers
    }

    /// Ends the reports, so that a thread waiting for one stops waiting.
    fn stop_reporting(&self) {
        self.0.lock().unwrap().pending_answers = None;
    }
}

impl Future for Reply {
    type Output = &'static str;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<&'static str> {
        let mut state = self.0.lock().unwrap();
        if state.polls > 0 && !state.woken_since_last_poll {
            state.polls_without_wake += 1;
        }
        state.polls += 1;
        state.woken_since_last_poll = false;
        if state.delivered {
            return Poll::Ready(OK_REPLY);
        }
        state.waker = Some(context.waker().clone());
        if let Some(answers) = &state.pending_answers {
            let _ = answers.send(());
        }
        Poll::Pending
    }
}

/// Plays the network: after `latency`, delivers the reply and wakes it.
fn deliver_later(reply: &Reply, latency: Duration) -> JoinHandle<()> {
    let reply = reply.clone();
    thread::spawn(move || {
        thread::sleep(latency);
        reply.wake(true);
    })
}

/// Wakes itself `times` times during its poll before it is ready, as
/// `tokio::task::yield_now` does once.
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

// `run_real_clock` lends its real-time limit (a hang fails with a message) and its
// turn (no other check of this binary runs meanwhile): `block_on_timeout` runs our
// own futures, not tokio's, and waits on the real clock.

#[test]
fn a_ready_future_gives_its_output_even_with_a_zero_timeout() {
    let (ready, pending, polls) = run_real_clock(|| async {
        let ready = block_on_timeout(async { 19 + 23 }, Duration::ZERO);
        let reply = Reply::default();
        let pending = block_on_timeout(reply.clone(), Duration::ZERO);
        (ready, pending, reply.polls())
    });
    assert_eq!(
        ready,
        Ok(42),
        "a future that is ready at its first poll must give its output, even with a \
         zero timeout: poll before you look at the clock"
    );
    assert_eq!(
        pending,
        Err(TimedOut),
        "with a zero timeout, a future still pending after its first poll times out"
    );
    assert!(
        polls >= 1,
        "with a zero timeout, the future was never polled: always poll it at least \
         once"
    );
    assert!(
        polls <= 2,
        "with a zero timeout, a pending future was polled {polls} times; once is \
         enough"
    );
}

#[test]
fn it_sleeps_until_the_future_is_woken() {
    let outcome = run_real_clock(|| async {
        let reply = Reply::default();
        let network = deliver_later(&reply, Duration::from_millis(400));
        let cpu = CpuProbe::start();
        let switched_before = Switches::of_this_thread();
        let outcome = block_on_timeout(reply.clone(), AN_HOUR);
        let switched_after = Switches::of_this_thread();
        network.join().unwrap();
        let (polls, unwoken) = (reply.polls(), reply.polls_without_wake());
        assert!(
            unwoken <= 1,
            "while the future waited 400 ms for another thread, it was polled \
             {unwoken} times without having been woken ({polls} polls in all): \
             after Pending, sleep until the waker is called, instead of polling \
             again in a loop or at intervals"
        );
        cpu.assert_mostly_idle("block_on_timeout");
        if let Some(switched) = Switches::between(switched_before, switched_after) {
            assert!(
                switched <= 8,
                "while the future waited 400 ms, the thread in block_on_timeout was \
                 taken off the CPU {switched} times; a thread that sleeps until \
                 woken is taken off once or twice. It kept coming back to check (a \
                 loop that yields, spins or sleeps in slices)"
            );
        }
        outcome
    });
    assert_eq!(outcome, Ok(OK_REPLY));
}

#[test]
fn a_wake_that_comes_before_the_sleep_is_not_lost() {
    // The future wakes itself *during* its poll, before block_on_timeout goes to
    // sleep: an answer that loses such a wake sleeps until the timeout.
    let outcome = run_real_clock(|| async {
        block_on_timeout(YieldTimes { times: 3 }, Duration::from_secs(2))
    });
    assert_eq!(
        outcome,
        Ok("done yielding"),
        "a future that woke itself during its poll, three times, timed out after \
         two seconds: a wake that comes before the thread goes to sleep was lost. \
         The sleep must end at once when the waker was called before it"
    );
}

#[test]
fn it_gives_up_once_the_timeout_has_passed() {
    let (outcome, waited, polls) = run_real_clock(|| async {
        let never_delivered = Reply::default();
        let start = Instant::now();
        let outcome =
            block_on_timeout(never_delivered.clone(), Duration::from_millis(50));
        (outcome, start.elapsed(), never_delivered.polls())
    });
    assert_eq!(
        outcome,
        Err(TimedOut),
        "a future that nobody wakes must time out"
    );
    assert!(
        waited >= Duration::from_millis(50),
        "block_on_timeout gave up after {waited:?}, before its timeout of 50 ms"
    );
    assert!(
        polls <= 3,
        "a future that nobody woke was polled {polls} times in 50 ms: sleep until \
         the deadline instead of polling at intervals"
    );
}

#[test]
fn it_keeps_waiting_while_the_future_makes_progress() {
    let (outcome, polls) = run_real_clock(|| async {
        let reply = Reply::default();
        let pending_answers = reply.report_pending_answers();
        let network = {
            let reply = reply.clone();
            thread::spawn(move || {
                // Three wakes, each 5 ms after a Pending answer; the third delivers.
                for wake in 1..=3 {
                    if pending_answers.recv_timeout(REAL_TIME_LIMIT).is_err() {
                        return;
                    }
                    thread::sleep(Duration::from_millis(5));
                    reply.wake(wake == 3);
                }
            })
        };
        let outcome = block_on_timeout(reply.clone(), Duration::from_secs(2));
        reply.stop_reporting();
        network.join().unwrap();
        (outcome, reply.polls())
    });
    assert_eq!(
        outcome,
        Ok(OK_REPLY),
        "block_on_timeout gave up after {polls} polls, although the future was \
         woken every 5 ms, well within its 2 s timeout: a wake means `poll again`, \
         not `give up`; and sleep until woken or the deadline (a thread::sleep \
         cannot be woken)"
    );
    assert_eq!(polls, 4, "three wakes, so four polls");
}

#[test]
fn the_timeout_counts_from_the_call_not_from_the_latest_wake() {
    let (outcome, wakes) = run_real_clock(|| async {
        let reply = Reply::default();
        let stop = Arc::new(AtomicBool::new(false));
        let chatterbox = {
            let (reply, stop) = (reply.clone(), Arc::clone(&stop));
            thread::spawn(move || {
                // A wake every 5 ms, 200 at most, none of which delivers.
                for _ in 0..200 {
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    thread::sleep(Duration::from_millis(5));
                    reply.wake(false);
                }
            })
        };
        let outcome = block_on_timeout(reply.clone(), Duration::from_millis(50));
        let wakes = reply.wakes();
        stop.store(true, Ordering::SeqCst);
        chatterbox.join().unwrap();
        (outcome, wakes)
    });
    assert_eq!(outcome, Err(TimedOut), "the reply was never delivered");
    assert!(
        wakes <= 100,
        "block_on_timeout gave up only after {wakes} wakes 5 ms apart, although its \
         timeout was 50 ms: the deadline is fixed at the call, and a wake does not \
         start the timeout again"
    );
}

#[test]
fn the_largest_timeouts_mean_no_limit() {
    for timeout in [Duration::MAX, Duration::from_secs(u64::MAX)] {
        let outcome = run_real_clock(move || async move {
            let reply = Reply::default();
            let network = deliver_later(&reply, Duration::from_millis(20));
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                block_on_timeout(reply.clone(), timeout)
            }));
            network.join().unwrap();
            outcome.map_err(|panic| {
                panic
                    .downcast_ref::<&str>()
                    .map(|text| text.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default()
            })
        });
        match outcome {
            Ok(outcome) => assert_eq!(outcome, Ok(OK_REPLY)),
            Err(panic) => panic!(
                "block_on_timeout panicked with a timeout of {timeout:?} ({panic}): \
                 every timeout is legal, and a deadline too far away to be an \
                 Instant means no limit"
            ),
        }
    }
}

#[test]
fn it_waits_on_the_calling_thread_alone() {
    let outcome = run_real_clock(|| async {
        let threads = Arc::new(OsThreads::start());
        let reply = Reply::default();
        let pending_answers = reply.report_pending_answers();
        let network = {
            let (reply, threads) = (reply.clone(), Arc::clone(&threads));
            thread::spawn(move || {
                // Count the threads while block_on_timeout waits; this one is one.
                let _ = pending_answers.recv_timeout(REAL_TIME_LIMIT);
                thread::sleep(Duration::from_millis(20));
                let during_the_wait = threads.started();
                reply.wake(true);
                during_the_wait
            })
        };
        let outcome = block_on_timeout(reply.clone(), AN_HOUR);
        reply.stop_reporting();
        let during_the_wait = network.join().unwrap();
        threads.assert_at_most_started(0, "block_on_timeout");
        if let Some(started) = during_the_wait {
            assert!(
                started <= 1,
                "while the future waited, block_on_timeout ran {} helper thread(s): \
                 wait on the calling thread alone (a park can end at a deadline)",
                started - 1
            );
        }
        outcome
    });
    assert_eq!(outcome, Ok(OK_REPLY));
}
