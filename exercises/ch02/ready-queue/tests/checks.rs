use course_testkit::run_paused;
use ready_queue::Executor;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

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

/// A value another thread delivers after a while, waking whoever waits for it.
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

type Log = Arc<Mutex<Vec<String>>>;

#[test]
fn every_task_runs_to_completion() {
    let log = run_paused(|| async {
        let log = Log::default();
        let mut executor = Executor::default();
        for name in ["invoice", "receipt", "reminder"] {
            let log = Arc::clone(&log);
            executor
                .spawn(async move { log.lock().unwrap().push(name.to_string()) });
        }
        executor.run();
        log
    });
    assert_eq!(*log.lock().unwrap(), ["invoice", "receipt", "reminder"]);
}

#[test]
fn tasks_take_turns_when_they_yield() {
    let log = run_paused(|| async {
        let log = Log::default();
        let mut executor = Executor::default();
        for name in ["resize", "upload"] {
            let log = Arc::clone(&log);
            executor.spawn(async move {
                for step in 1..=3 {
                    log.lock().unwrap().push(format!("{name} {step}"));
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
            "resize 1", "upload 1", "resize 2", "upload 2", "resize 3", "upload 3"
        ],
        "the two tasks did not alternate: after a task answers Pending, `run` must move on to the \
         next task on the queue; a woken task goes to the back of the queue"
    );
}

#[test]
fn a_task_woken_later_by_another_thread_is_polled_again() {
    let delivered = run_paused(|| async {
        let mailbox = Arc::new(Mutex::new(Mailbox::default()));
        let delivered = Arc::new(Mutex::new(None));
        let mut executor = Executor::default();
        let (letter, inbox) = (Letter(Arc::clone(&mailbox)), Arc::clone(&delivered));
        executor.spawn(async move { *inbox.lock().unwrap() = Some(letter.await) });
        // The postman delivers later, from another thread: meanwhile the queue is
        // empty.
        let postman = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            let mut mailbox = mailbox.lock().unwrap();
            mailbox.letter = Some("parcel notice");
            if let Some(waker) = mailbox.waker.take() {
                waker.wake();
            }
        });
        executor.run();
        postman.join().unwrap();
        delivered
    });
    assert_eq!(
        *delivered.lock().unwrap(),
        Some("parcel notice"),
        "`run` returned before the task finished: an empty ready queue does not mean that every \
         task is done; wait for a waker to send the next one"
    );
}

#[test]
fn a_stale_wake_of_a_finished_task_is_ignored() {
    let (polls_of_the_first, second_finished) = run_paused(|| async {
        let stale_waker = Arc::new(Mutex::new(None::<Waker>));
        let polls = Arc::new(Mutex::new(0));
        let second_finished = Arc::new(Mutex::new(false));
        let mut executor = Executor::default();
        let (keep, count) = (Arc::clone(&stale_waker), Arc::clone(&polls));
        executor.spawn(std::future::poll_fn(move |context| {
            // Keep a copy of our own waker: the other task wakes it after we have
            // finished.
            *keep.lock().unwrap() = Some(context.waker().clone());
            *count.lock().unwrap() += 1;
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
            *finished.lock().unwrap() = true;
        });
        executor.run();
        (polls, second_finished)
    });
    assert_eq!(
        *polls_of_the_first.lock().unwrap(),
        1,
        "a task that had finished was polled again after a stale wake: skip tasks whose future \
         is gone (and remove the future when it finishes)"
    );
    assert!(
        *second_finished.lock().unwrap(),
        "`run` returned before every task finished"
    );
}
