use course_testkit::{count_polls, run_paused, run_real_clock, timed};
use retry::retry;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, ready};
use std::time::Duration;

/// The pause most checks ask for. `the_pause_is_the_one_the_caller_gives` asks for
/// others, so that an answer waiting a fixed time is caught.
const PAUSE: Duration = Duration::from_millis(500);
/// How long the gateway takes to answer one attempt.
const NETWORK: Duration = Duration::from_millis(100);
/// A gateway that never accepts.
const ALWAYS_FAILS: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq)]
enum PaymentError {
    TryAgain { attempt: u32 },
}

/// What the gateway saw, in order.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Event {
    /// `operation()` was called and made the future of this attempt.
    Made(u32),
    /// The future of this attempt finished.
    Finished(u32),
}

type Log = Arc<Mutex<Vec<Event>>>;

/// The future of one attempt: the gateway answers "try again" to the first
/// `failures` attempts, after 100 ms of network each, then accepts.
///
/// Polling it again after it finished panics with an explanation (an `async fn`'s
/// future panics too, with a terser message).
struct OneAttempt {
    number: u32,
    answer: Pin<Box<dyn Future<Output = Result<&'static str, PaymentError>> + Send>>,
    finished: bool,
    log: Log,
}

impl OneAttempt {
    fn new(number: u32, failures: u32, log: Log) -> Self {
        log.lock().unwrap().push(Event::Made(number));
        Self {
            number,
            answer: Box::pin(async move {
                tokio::time::sleep(NETWORK).await;
                if number <= failures {
                    Err(PaymentError::TryAgain { attempt: number })
                } else {
                    Ok("payment accepted")
                }
            }),
            finished: false,
            log,
        }
    }
}

impl Future for OneAttempt {
    type Output = Result<&'static str, PaymentError>;

    fn poll(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Self::Output> {
        assert!(
            !self.finished,
            "the future of attempt {} was polled again after it had finished. A \
             future runs once: to try again, call `operation()` again and await the \
             new future",
            self.number
        );
        let answer = ready!(self.answer.as_mut().poll(context));
        self.finished = true;
        self.log.lock().unwrap().push(Event::Finished(self.number));
        Poll::Ready(answer)
    }
}

/// What one call of `retry` did.
struct Run {
    /// Virtual time, from the call to its return.
    took: Duration,
    outcome: Result<&'static str, PaymentError>,
    log: Vec<Event>,
}

impl Run {
    /// How many times `operation()` was called.
    fn attempts(&self) -> usize {
        self.log
            .iter()
            .filter(|event| matches!(event, Event::Made(_)))
            .count()
    }
}

/// Runs `retry(attempts, pause, …)` on the paused clock against a gateway that
/// fails the first `failures` attempts. A panic in `retry` fails the check with its
/// message and what the call was; so does an attempt more than allowed, at once,
/// instead of a loop that would not stop.
fn run(attempts: u32, pause: Duration, failures: u32) -> Run {
    let allowed = attempts.max(1).min(failures.saturating_add(1));
    let outcome = run_paused(move || async move {
        let log = Log::default();
        let attempt_log = Arc::clone(&log);
        let mut made = 0;
        // A task of its own, so that a panic comes back as an error to explain.
        let retrying = tokio::spawn(timed(retry(attempts, pause, move || {
            made += 1;
            assert!(
                made <= allowed,
                "operation() was called for attempt {made}, but retry({attempts}, \
                 …) against a gateway that {} may make {allowed} attempt(s) at most",
                if failures == ALWAYS_FAILS {
                    "never accepts".to_string()
                } else {
                    format!("accepts attempt {}", failures + 1)
                }
            );
            OneAttempt::new(made, failures, Arc::clone(&attempt_log))
        })));
        let ended = retrying.await;
        let log = log.lock().unwrap().clone();
        ended.map(|(took, outcome)| Run { took, outcome, log })
    });
    outcome.unwrap_or_else(|failure| {
        let payload = failure.into_panic();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("(no message)");
        let why = match attempts {
            0 => {
                " 0 attempts mean one attempt, as 1 does: one call of operation(), \
                 and its outcome comes back"
            }
            u32::MAX => {
                " attempts may be as large as u32::MAX: count the attempts made and \
                 compare, never compute attempts + 1, which overflows"
            }
            _ => "",
        };
        panic!("retry({attempts}, {pause:?}, …) panicked: {message}.{why}")
    })
}

/// `n` attempts, each made and finished before the next is made.
fn one_after_another(n: u32) -> Vec<Event> {
    (1..=n)
        .flat_map(|attempt| [Event::Made(attempt), Event::Finished(attempt)])
        .collect()
}

/// The virtual time of `attempts` attempts and `pauses` pauses of `pause`.
fn expected_time(attempts: u32, pauses: u32, pause: Duration) -> Duration {
    NETWORK * attempts + pause * pauses
}

#[test]
fn a_first_success_is_returned_after_one_attempt() {
    let run = run(5, PAUSE, 0);
    assert_eq!(run.outcome, Ok("payment accepted"));
    assert_eq!(
        run.log,
        one_after_another(1),
        "the first attempt succeeded: nothing more should happen (the gateway saw \
         {:?})",
        run.log
    );
    assert_eq!(
        run.took, NETWORK,
        "one attempt of 100 ms and no pause take 100 ms; it took {:?}",
        run.took
    );
}

#[test]
fn two_failures_then_a_success_take_three_attempts_and_two_pauses() {
    let run = run(5, PAUSE, 2);
    assert_eq!(run.outcome, Ok("payment accepted"));
    assert_eq!(
        run.attempts(),
        3,
        "the gateway accepts the third attempt; {} were made",
        run.attempts()
    );
    let expected = expected_time(3, 2, PAUSE);
    assert_eq!(
        run.took, expected,
        "3 attempts of 100 ms and 2 pauses of 500 ms take {expected:?} of tokio's \
         time; it took {:?}. Less means the pauses did not wait on tokio's clock (a \
         std::thread::sleep does not move it) or were skipped; more, that there \
         were more pauses or longer ones",
        run.took
    );
}

#[test]
fn when_every_attempt_fails_the_last_error_comes_back() {
    for attempts in [4, 1] {
        let run = run(attempts, PAUSE, ALWAYS_FAILS);
        assert_eq!(
            run.outcome,
            Err(PaymentError::TryAgain { attempt: attempts }),
            "with {attempts} attempts that all fail, the caller needs the error of \
             the last one, the most recent news from the gateway"
        );
        assert_eq!(
            run.attempts(),
            attempts as usize,
            "asked for {attempts} attempts (the first one included), {} were made",
            run.attempts()
        );
        let expected = expected_time(attempts, attempts - 1, PAUSE);
        assert_eq!(
            run.took,
            expected,
            "{attempts} attempts need {} pause(s) between them, so {expected:?} of \
             tokio's time; it took {:?}. There is nothing to wait for after the \
             last attempt: its error comes back at once",
            attempts - 1,
            run.took
        );
    }
}

#[test]
fn zero_attempts_mean_one_attempt() {
    let failed = run(0, PAUSE, ALWAYS_FAILS);
    assert_eq!(
        failed.outcome,
        Err(PaymentError::TryAgain { attempt: 1 }),
        "retry(0, …) makes one attempt, as retry(1, …) does, and returns its error"
    );
    assert_eq!(failed.log, one_after_another(1));
    assert_eq!(failed.took, NETWORK, "one attempt and no pause take 100 ms");

    let accepted = run(0, PAUSE, 0);
    assert_eq!(accepted.outcome, Ok("payment accepted"));
    assert_eq!(accepted.log, one_after_another(1));
}

#[test]
fn the_largest_number_of_attempts_stops_at_the_first_success() {
    for failures in [2, 999] {
        let run = run(u32::MAX, PAUSE, failures);
        assert_eq!(
            run.outcome,
            Ok("payment accepted"),
            "with u32::MAX attempts allowed and a gateway that accepts attempt {}, \
             retry must return its success",
            failures + 1
        );
        assert_eq!(run.attempts(), failures as usize + 1);
        assert_eq!(run.took, expected_time(failures + 1, failures, PAUSE));
    }
}

#[test]
fn the_pause_is_the_one_the_caller_gives() {
    for pause in [
        Duration::from_millis(70),
        Duration::from_secs(2),
        Duration::ZERO,
    ] {
        let run = run(3, pause, ALWAYS_FAILS);
        assert_eq!(
            run.outcome,
            Err(PaymentError::TryAgain { attempt: 3 }),
            "every attempt failed: the last error comes back"
        );
        let expected = expected_time(3, 2, pause);
        assert_eq!(
            run.took, expected,
            "3 attempts with pause = {pause:?} take 3 × 100 ms + 2 × {pause:?} = \
             {expected:?} of tokio's time; it took {:?}. Each pause lasts exactly \
             the `pause` the caller gives, every time",
            run.took
        );
    }
}

#[test]
fn each_attempt_awaits_a_fresh_future() {
    let run = run(3, PAUSE, ALWAYS_FAILS);
    assert_eq!(
        run.log,
        one_after_another(3),
        "each attempt should call operation() once, just before it, and await that \
         future to its end before the next attempt; the gateway saw (Made = a call \
         of operation(), Finished = its future finished): {:?}",
        run.log
    );
}

#[test]
fn other_tasks_run_during_the_pauses() {
    let (took, other_task_ran) = run_paused(|| async {
        let start = tokio::time::Instant::now();
        let other_task = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(25)).await;
            start.elapsed()
        });
        let (took, _) = timed(retry(2, Duration::from_millis(60), || async {
            Err::<(), _>("declined")
        }))
        .await;
        let other_task_ran = if other_task.is_finished() {
            Some(other_task.await.expect("the other task does not panic"))
        } else {
            other_task.abort();
            None
        };
        (took, other_task_ran)
    });
    assert_eq!(
        other_task_ran,
        Some(Duration::from_millis(25)),
        "a task that needed the thread for a moment, 25 ms into a 60 ms pause, had \
         not run when retry returned: the pause kept the thread to itself. \
         std::thread::sleep blocks the whole thread; \
         tokio::time::sleep(pause).await suspends only this task"
    );
    assert_eq!(took, Duration::from_millis(60));
}

#[test]
fn on_a_real_clock_the_pauses_wait_without_spinning() {
    let (outcome, polls) = run_real_clock(|| async {
        let (retrying, polls) =
            count_polls(retry(3, Duration::from_millis(15), || async {
                Err::<(), _>("declined")
            }));
        (retrying.await, polls.get())
    });
    assert_eq!(outcome, Err("declined"));
    assert!(
        polls <= 6,
        "retry was polled {polls} times for 3 attempts that fail at once and 2 \
         pauses of 15 ms; waiting on a timer takes one poll per pause (3 in all). \
         It checks again and again instead of waiting: a loop that yields until the \
         clock reads the end of the pause spins a core (and never ends on the \
         paused clock, which moves only when every task waits). Await \
         tokio::time::sleep(pause)"
    );
}
