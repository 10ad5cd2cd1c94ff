use course_testkit::{CpuProbe, Switches, run_real_clock, run_real_clock_within};
use ready_queue::Executor;
use std::future::{Future, poll_fn};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// How long the checks that a lost wake makes hang may run: a right answer takes
/// milliseconds, so a hang is reported sooner than the usual 10 s.
const HANG_LIMIT: Duration = Duration::from_secs(3);

/// Lets the other tasks run once: wakes itself, then answers `Pending`.
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        context.waker().wake_by_ref();
        Poll::Pending
    }
}

/// A letter another thread delivers after a while, waking whoever waits for it.
#[derive(Default)]
struct Mailbox {
    letter: Option<&'static str>,
    waker: Option<Waker>,
}

struct Letter(Arc<Mutex<Mailbox>>);

impl Future for Letter {
    type Output = &'static str;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<&'static str> {
        let mut mailbox = self.0.lock().unwrap();
        match mailbox.letter.take() {
            Some(letter) => Poll::Ready(letter),
            None => {
                mailbox.waker = Some(context.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Plays the postman: after `delay`, delivers the letter and wakes its reader.
fn deliver_later(mailbox: &Arc<Mutex<Mailbox>>, delay: Duration) -> JoinHandle<()> {
    let mailbox = Arc::clone(mailbox);
    thread::spawn(move || {
        thread::sleep(delay);
        let waker = {
            let mut mailbox = mailbox.lock().unwrap();
            mailbox.letter = Some("parcel notice");
            mailbox.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    })
}

type Log = Arc<Mutex<Vec<String>>>;

fn note(log: &Log, line: impl Into<String>) {
    log.lock().unwrap().push(line.into());
}

// `run_real_clock` lends its real-time limit (a hang or a deadlock fails with a
// message) and its turn (no other check of this binary runs meanwhile): the
// executor is our own, and any waiting it does is on the real clock.

#[test]
fn every_spawned_task_runs_to_completion() {
    let log = run_real_clock(|| async {
        let log = Log::default();
        let mut executor = Executor::default();
        for name in ["invoice", "receipt", "reminder"] {
            let log = Arc::clone(&log);
            executor.spawn(async move { note(&log, name) });
        }
        executor.run();
        log
    });
    assert_eq!(*log.lock().unwrap(), ["invoice", "receipt", "reminder"]);
}

#[test]
fn run_returns_at_once_when_no_task_was_spawned() {
    // An answer that waits for a task before it looks at the count waits forever
    // here: the time limit reports it.
    run_real_clock_within(HANG_LIMIT, || async { Executor::default().run() });
}

#[test]
fn tasks_take_turns_when_they_yield() {
    let log = run_real_clock_within(HANG_LIMIT, || async {
        let log = Log::default();
        let mut executor = Executor::default();
        for (name, steps) in [("resize", 3), ("upload", 2), ("notify", 1)] {
            let log = Arc::clone(&log);
            executor.spawn(async move {
                for step in 1..=steps {
                    note(&log, format!("{name} {step}"));
                    YieldNow(false).await;
                }
            });
        }
        executor.run();
        log
    });
    assert_eq!(
        *log.lock().unwrap(),
        [
            "resize 1", "upload 1", "notify 1", "resize 2", "upload 2", "resize 3"
        ],
        "the tasks did not take turns: after a task answers Pending, `run` moves on \
         to the next task on the queue, and a woken task goes to the back of the \
         queue"
    );
}

#[test]
fn a_wake_during_the_tasks_own_poll_is_not_lost() {
    // The task wakes itself while it is being polled. If that wake is lost, nobody
    // queues the task again, `run` waits forever, and the time limit reports it.
    let steps = run_real_clock_within(HANG_LIMIT, || async {
        let steps = Arc::new(AtomicU32::new(0));
        let mut executor = Executor::default();
        let counter = Arc::clone(&steps);
        executor.spawn(async move {
            for _ in 0..3 {
                counter.fetch_add(1, Ordering::SeqCst);
                YieldNow(false).await;
            }
        });
        executor.run();
        steps.load(Ordering::SeqCst)
    });
    assert_eq!(steps, 3);
}

#[test]
fn a_task_woken_many_times_before_its_turn_is_polled_once() {
    let reader_polls = run_real_clock(|| async {
        let reader_waker = Arc::new(Mutex::new(None::<Waker>));
        let closed = Arc::new(AtomicBool::new(false));
        let reader_polls = Arc::new(AtomicU32::new(0));
        let mut executor = Executor::default();
        // The reader waits until the writer closes the stream.
        let (keep_waker, is_closed, polls) = (
            Arc::clone(&reader_waker),
            Arc::clone(&closed),
            Arc::clone(&reader_polls),
        );
        executor.spawn(poll_fn(move |context| {
            polls.fetch_add(1, Ordering::SeqCst);
            if is_closed.load(Ordering::SeqCst) {
                return Poll::Ready(());
            }
            *keep_waker.lock().unwrap() = Some(context.waker().clone());
            Poll::Pending
        }));
        // The writer wakes the reader five times in one turn (five chunks written),
        // lets it run, then closes the stream and wakes it once more.
        executor.spawn(async move {
            let reader = reader_waker.lock().unwrap().clone();
            let reader =
                reader.expect("the reader was polled first and kept its waker");
            for _ in 0..5 {
                reader.wake_by_ref();
            }
            YieldNow(false).await;
            closed.store(true, Ordering::SeqCst);
            reader.wake();
        });
        executor.run();
        reader_polls.load(Ordering::SeqCst)
    });
    assert_eq!(
        reader_polls, 3,
        "a task woken five times while it waited on the queue was polled \
         {reader_polls} times in all (expected 3: its first poll, one after the \
         five wakes, one after the last): queue a task only if it is not queued \
         already"
    );
}

#[test]
fn a_task_woken_later_by_another_thread_is_polled_again() {
    let delivered = run_real_clock(|| async {
        let mailbox = Arc::new(Mutex::new(Mailbox::default()));
        let delivered = Arc::new(Mutex::new(None));
        let mut executor = Executor::default();
        let (letter, inbox) = (Letter(Arc::clone(&mailbox)), Arc::clone(&delivered));
        executor.spawn(async move { *inbox.lock().unwrap() = Some(letter.await) });
        // Meanwhile the queue is empty, and the task is not finished.
        let postman = deliver_later(&mailbox, Duration::from_millis(50));
        executor.run();
        postman.join().unwrap();
        delivered
    });
    assert_eq!(
        *delivered.lock().unwrap(),
        Some("parcel notice"),
        "`run` returned before the task finished: an empty ready queue does not \
         mean that every task is done; wait for a waker to send the next one"
    );
}

#[test]
fn an_idle_executor_sleeps_until_a_task_is_woken() {
    run_real_clock(|| async {
        let mailbox = Arc::new(Mutex::new(Mailbox::default()));
        let mut executor = Executor::default();
        let letter = Letter(Arc::clone(&mailbox));
        executor.spawn(async move {
            letter.await;
        });
        let postman = deliver_later(&mailbox, Duration::from_millis(300));
        let cpu = CpuProbe::start();
        let switched_before = Switches::of_this_thread();
        executor.run();
        let switched_after = Switches::of_this_thread();
        postman.join().unwrap();
        cpu.assert_mostly_idle("`run`, while no task was ready,");
        if let Some(switched) = Switches::between(switched_before, switched_after) {
            assert!(
                switched <= 8,
                "while no task was ready for 300 ms, the thread in `run` was taken \
                 off the CPU {switched} times; a thread that sleeps until a task is \
                 queued is taken off once or twice. It kept coming back to check \
                 the queue (a loop that yields, spins or waits in slices)"
            );
        }
    });
}

#[test]
fn a_stale_wake_of_a_finished_task_is_ignored() {
    let (polls_of_the_first, second_finished) = run_real_clock(|| async {
        let stale_waker = Arc::new(Mutex::new(None::<Waker>));
        let polls = Arc::new(AtomicU32::new(0));
        let second_finished = Arc::new(AtomicBool::new(false));
        let mut executor = Executor::default();
        let (keep, count) = (Arc::clone(&stale_waker), Arc::clone(&polls));
        executor.spawn(poll_fn(move |context| {
            // Keep a copy of our own waker: the other task wakes it after we have
            // finished.
            *keep.lock().unwrap() = Some(context.waker().clone());
            count.fetch_add(1, Ordering::SeqCst);
            Poll::Ready(())
        }));
        let (stale, finished) =
            (Arc::clone(&stale_waker), Arc::clone(&second_finished));
        executor.spawn(async move {
            YieldNow(false).await;
            if let Some(waker) = stale.lock().unwrap().take() {
                waker.wake();
            }
            YieldNow(false).await;
            finished.store(true, Ordering::SeqCst);
        });
        executor.run();
        (polls.load(Ordering::SeqCst), second_finished)
    });
    assert_eq!(
        polls_of_the_first, 1,
        "a task that had finished was polled again after a late wake: skip tasks \
         whose future is gone (and remove the future when it finishes)"
    );
    assert!(
        second_finished.load(Ordering::SeqCst),
        "`run` returned before every task finished"
    );
}

#[test]
fn a_wake_after_the_executor_is_gone_does_nothing() {
    let woken = run_real_clock(|| async {
        let kept = Arc::new(Mutex::new(None::<Waker>));
        let mut executor = Executor::default();
        let keep = Arc::clone(&kept);
        executor.spawn(poll_fn(move |context| {
            *keep.lock().unwrap() = Some(context.waker().clone());
            Poll::Ready(())
        }));
        executor.run();
        drop(executor);
        let waker = kept.lock().unwrap().take().expect("the task ran");
        // As a timer thread or a socket might, long after: the ready queue is gone.
        catch_unwind(AssertUnwindSafe(|| waker.wake()))
    });
    assert!(
        woken.is_ok(),
        "waking a task after its executor was dropped panicked. A waker can be \
         called late, from anywhere (another thread, a timer); once the queue is \
         gone there is nothing left to run, so the wake does nothing"
    );
}
