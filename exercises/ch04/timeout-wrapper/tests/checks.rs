use course_testkit::{
    catching_panics, count_polls, live_tasks, run_paused, run_real_clock, timed,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use timeout_wrapper::{LookupError, with_deadline};

/// A lookup that answers `answer` after `latency`, and sets `finished` when it gets
/// to its end: a lookup that was stopped never does.
async fn lookup(
    latency: Duration,
    answer: Result<u32, String>,
    finished: Arc<AtomicBool>,
) -> Result<u32, String> {
    tokio::time::sleep(latency).await;
    finished.store(true, Ordering::SeqCst);
    answer
}

fn ms(milliseconds: u64) -> Duration {
    Duration::from_millis(milliseconds)
}

#[test]
fn an_answer_in_time_is_returned_when_it_comes() {
    let (took, price) = run_paused(|| async {
        let price = lookup(ms(500), Ok(1999), Arc::default());
        timed(with_deadline("price lookup", ms(2000), price)).await
    });
    assert_eq!(price, Ok(1999), "the lookup answered 1999 within its 2 s");
    assert_eq!(
        took,
        ms(500),
        "an answer that arrives after 500 ms must be returned then, not after \
         {took:?}"
    );
}

#[test]
fn a_slow_lookup_times_out_at_the_limit_and_is_stopped() {
    let (took, result, tasks_left, finished) = run_paused(|| async {
        let finished = Arc::new(AtomicBool::new(false));
        let stock = lookup(ms(10_000), Ok(12), finished.clone());
        let (took, result) =
            timed(with_deadline("stock level", ms(750), stock)).await;
        let tasks_left = live_tasks().await;
        // Long after the lookup would have answered, had it kept running.
        tokio::time::sleep(Duration::from_secs(60)).await;
        (took, result, tasks_left, finished.load(Ordering::SeqCst))
    });
    assert_eq!(
        result,
        Err(LookupError::TimedOut {
            operation: "stock level",
            limit: ms(750),
        }),
        "a lookup that takes 10 s must give TimedOut with the operation's name and \
         the limit it was given (750 ms)"
    );
    assert_eq!(
        took,
        ms(750),
        "the timeout came back after {took:?} of virtual time, the limit is 750 ms. \
         Checking the elapsed time after awaiting the lookup waits for the whole \
         lookup: race it against the limit instead"
    );
    assert_eq!(
        tasks_left, 0,
        "{tasks_left} task(s) were still alive after with_deadline gave up: a \
         spawned lookup keeps running when its JoinHandle is dropped"
    );
    assert!(
        !finished,
        "the timed-out lookup still ran to its end: it must be stopped (dropped), \
         not left running"
    );
}

#[test]
fn the_lookups_own_error_is_not_a_timeout() {
    let (took, result) = run_paused(|| async {
        let unknown = Err("unknown product 42".to_string());
        let price = lookup(ms(100), unknown, Arc::default());
        timed(with_deadline("price lookup", ms(2000), price)).await
    });
    assert_eq!(
        result,
        Err(LookupError::Failed {
            operation: "price lookup",
            reason: "unknown product 42".to_string(),
        }),
        "a lookup that fails in time must give Failed with its own reason, as it is: \
         a caller retries a timeout, but not an unknown product"
    );
    assert_eq!(
        took,
        ms(100),
        "the error came at 100 ms, and must be returned then"
    );
}

#[test]
fn an_answer_exactly_at_the_limit_is_in_time() {
    // Repeated, because an answer that races two branches in a random order is
    // right half of the time.
    let outcomes = run_paused(|| async {
        let mut outcomes = Vec::new();
        for _ in 0..32 {
            let date = lookup(ms(300), Ok(20), Arc::default());
            outcomes.push(with_deadline("delivery date", ms(300), date).await);
        }
        outcomes
    });
    let timed_out = outcomes.iter().filter(|o| o.is_err()).count();
    assert_eq!(
        timed_out, 0,
        "a lookup that answers at 300 ms with a limit of 300 ms timed out {timed_out} \
         time(s) in 32: it has the whole limit, so its answer counts, every time. \
         When both are ready at once, look at the lookup first (tokio::time::timeout \
         does; select! picks a branch at random unless it is `biased`)"
    );
}

#[test]
fn a_limit_of_zero_or_of_duration_max_is_legal() {
    let (zero_ready, zero_waiting, no_limit) = run_paused(|| async {
        let ready = with_deadline("cached price", Duration::ZERO, async {
            Ok::<u32, String>(1999)
        });
        let waiting = lookup(ms(1), Ok(1999), Arc::default());
        let waiting = timed(with_deadline("price lookup", Duration::ZERO, waiting));
        let slow = lookup(ms(500), Ok(12), Arc::default());
        let no_limit = catching_panics(timed(with_deadline(
            "stock level",
            Duration::MAX,
            slow,
        )));
        (ready.await, waiting.await, no_limit.await)
    });
    assert_eq!(
        zero_ready,
        Ok(1999),
        "with a limit of zero, a lookup that answers without waiting still gets \
         through"
    );
    assert_eq!(
        zero_waiting,
        (
            Duration::ZERO,
            Err(LookupError::TimedOut {
                operation: "price lookup",
                limit: Duration::ZERO,
            })
        ),
        "with a limit of zero, a lookup that has to wait times out at once"
    );
    let no_limit = no_limit.unwrap_or_else(|panic| {
        panic!(
            "with a limit of Duration::MAX, with_deadline panicked (\"{panic}\"). A \
             deadline computed as `now + limit` overflows: tokio::time::timeout \
             takes any duration"
        )
    });
    assert_eq!(
        no_limit,
        (ms(500), Ok(12)),
        "a limit of Duration::MAX means no limit in practice: the answer at 500 ms \
         must come back then"
    );
}

#[test]
fn waits_without_spinning_and_reports_the_limit_given() {
    // On the real clock, with a limit of a few milliseconds.
    let (result, polls, finished) = run_real_clock(|| async {
        let finished = Arc::new(AtomicBool::new(false));
        let stock = lookup(Duration::from_secs(3600), Ok(12), finished.clone());
        let (waiting, polls) =
            count_polls(with_deadline("stock level", ms(30), stock));
        (waiting.await, polls, finished)
    });
    assert_eq!(
        result,
        Err(LookupError::TimedOut {
            operation: "stock level",
            limit: ms(30),
        }),
        "TimedOut carries the limit it was given (30 ms), not the time measured, \
         which on a real clock is always a little longer"
    );
    assert!(!finished.load(Ordering::SeqCst));
    // One poll to start, one when the timer fires; the margin is wide.
    polls.assert_at_most(10, "with_deadline");
}
