use course_testkit::{run_paused, timed};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use timeout_wrapper::{LookupError, with_deadline};

/// A price lookup that answers `answer` after `latency_ms`, and sets `finished` when
/// it gets to its end: a lookup that was stopped never does.
async fn price_lookup(
    latency_ms: u64,
    answer: Result<u32, String>,
    finished: Arc<AtomicBool>,
) -> Result<u32, String> {
    tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    finished.store(true, Ordering::SeqCst);
    answer
}

const LIMIT: Duration = Duration::from_secs(2);

#[test]
fn an_answer_in_time_is_returned() {
    let (took, price) = run_paused(|| async {
        let lookup = price_lookup(500, Ok(1999), Arc::default());
        timed(with_deadline("price lookup", LIMIT, lookup)).await
    });
    assert_eq!(price, Ok(1999));
    assert_eq!(
        took,
        Duration::from_millis(500),
        "an answer that arrives after 500 ms must be returned then, not after \
         {took:?}"
    );
}

#[test]
fn a_slow_lookup_times_out_at_the_limit_and_is_stopped() {
    let (took, result, finished) = run_paused(|| async {
        let finished = Arc::new(AtomicBool::new(false));
        let lookup = price_lookup(10_000, Ok(1999), finished.clone());
        let (took, result) =
            timed(with_deadline("price lookup", LIMIT, lookup)).await;
        // Long after the lookup would have answered, had it kept running.
        tokio::time::sleep(Duration::from_secs(60)).await;
        (took, result, finished.load(Ordering::SeqCst))
    });
    assert_eq!(
        result,
        Err(LookupError::TimedOut {
            operation: "price lookup",
            limit: LIMIT,
        }),
        "a lookup that takes 10 s must give TimedOut with the operation's name and \
         the limit"
    );
    assert_eq!(
        took, LIMIT,
        "the timeout came back after {took:?} of virtual time, the limit is 2 s. \
         Checking the elapsed time after awaiting the lookup waits for the whole \
         lookup: race it instead"
    );
    assert!(
        !finished,
        "the timed-out lookup still ran to its end: it must be stopped (dropped), \
         not left running in a task"
    );
}

#[test]
fn the_lookups_own_error_is_not_a_timeout() {
    let result = run_paused(|| async {
        let lookup =
            price_lookup(100, Err("unknown product 42".to_string()), Arc::default());
        with_deadline("price lookup", LIMIT, lookup).await
    });
    assert_eq!(
        result,
        Err(LookupError::Failed {
            operation: "price lookup",
            reason: "unknown product 42".to_string(),
        }),
        "a lookup that fails in time must give Failed with its own reason: a caller \
         retries a timeout, but not an unknown product"
    );
}
