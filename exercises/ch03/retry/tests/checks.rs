use course_testkit::{run_paused, timed};
use retry::retry;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

const PAUSE: Duration = Duration::from_millis(500);

#[derive(Debug, PartialEq)]
enum PaymentError {
    TryAgain { attempt: u32 },
}

/// A gateway that answers "try again" to the first `failures` attempts, then
/// accepts. Each attempt takes 100 ms on the network.
async fn charge(attempt: u32, failures: u32) -> Result<&'static str, PaymentError> {
    tokio::time::sleep(Duration::from_millis(100)).await;
    if attempt <= failures {
        Err(PaymentError::TryAgain { attempt })
    } else {
        Ok("payment accepted")
    }
}

/// Runs `retry(attempts, PAUSE, …)` against a gateway that fails `failures` times;
/// returns the virtual time it took, its result and the number of attempts made.
fn run(
    attempts: u32,
    failures: u32,
) -> (Duration, Result<&'static str, PaymentError>, u32) {
    run_paused(move || async move {
        let made = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&made);
        let (took, outcome) = timed(retry(attempts, PAUSE, move || {
            let attempt = counter.fetch_add(1, Ordering::Relaxed) + 1;
            charge(attempt, failures)
        }))
        .await;
        (took, outcome, made.load(Ordering::Relaxed))
    })
}

#[test]
fn a_first_success_is_returned_after_one_attempt() {
    let (took, outcome, attempts) = run(5, 0);
    assert_eq!(outcome, Ok("payment accepted"));
    assert_eq!(
        attempts, 1,
        "succeeded at the first attempt, yet {attempts} were made"
    );
    assert_eq!(
        took,
        Duration::from_millis(100),
        "one attempt of 100 ms, no pause"
    );
}

#[test]
fn two_failures_then_a_success_take_three_attempts_and_two_pauses() {
    let (took, outcome, attempts) = run(5, 2);
    assert_eq!(outcome, Ok("payment accepted"));
    assert_eq!(attempts, 3);
    assert_eq!(
        took,
        Duration::from_millis(3 * 100 + 2 * 500),
        "3 attempts of 100 ms and 2 pauses of 500 ms take 1.3 s of tokio's time; it took {took:?}. \
         0.3 s means the pauses did not wait on tokio's clock (std::thread::sleep?) or were skipped"
    );
}

#[test]
fn when_every_attempt_fails_the_last_error_comes_back() {
    let (took, outcome, attempts) = run(4, u32::MAX);
    assert_eq!(
        outcome,
        Err(PaymentError::TryAgain { attempt: 4 }),
        "every attempt failed: the caller needs the last error, the most recent news from the gateway"
    );
    assert_eq!(attempts, 4, "asked for 4 attempts, {attempts} were made");
    assert_eq!(
        took,
        Duration::from_millis(4 * 100 + 3 * 500),
        "4 attempts need 3 pauses, not 4: there is nothing to wait for after the last one \
         (took {took:?})"
    );
}

#[test]
fn other_tasks_run_during_the_pauses() {
    let (other_task_ran, _) = run_paused(|| async {
        let other_task = tokio::spawn(async {});
        let outcome = retry(2, PAUSE, || async { Err::<(), _>("declined") }).await;
        (other_task.is_finished(), outcome)
    });
    assert!(
        other_task_ran,
        "a task spawned beside the retries never got the thread: is the pause a blocking sleep?"
    );
}
