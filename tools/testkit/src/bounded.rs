use std::future::Future;
use std::sync::mpsc;
use std::time::Duration;

/// How long, in real time, a check may run before it is reported as stuck. On the paused clock
/// a correct answer finishes in milliseconds, whatever durations it waits for.
pub const REAL_TIME_LIMIT: Duration = Duration::from_secs(10);

/// Runs the future made by `make_check` on a current-thread tokio runtime whose clock starts
/// paused (as `#[tokio::test(start_paused = true)]` does), and returns its output.
///
/// The check runs on its own thread. If it has not finished after [`REAL_TIME_LIMIT`] of real
/// time, this function panics with a message that names the usual causes, so a deadlock in a
/// student's code ends the test instead of hanging it. A panic inside the check (a failed
/// assertion, a `todo!()`) is passed on with its own message.
pub fn run_paused<Make, Check>(make_check: Make) -> Check::Output
where
    Make: FnOnce() -> Check + Send + 'static,
    Check: Future,
    Check::Output: Send + 'static,
{
    run_paused_within(REAL_TIME_LIMIT, make_check)
}

/// [`run_paused`] with another real-time limit.
pub fn run_paused_within<Make, Check>(limit: Duration, make_check: Make) -> Check::Output
where
    Make: FnOnce() -> Check + Send + 'static,
    Check: Future,
    Check::Output: Send + 'static,
{
    let (done, outcome) = mpsc::channel();
    std::thread::Builder::new()
        .name("paused-clock-check".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .start_paused(true)
                .build()
                .expect("a current-thread runtime can always be built");
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                runtime.block_on(make_check())
            }));
            // The receiver is gone only if the limit already passed; nothing to report then.
            let _ = done.send(result);
        })
        .expect("the OS refused to start a thread for the check");
    match outcome.recv_timeout(limit) {
        Ok(Ok(output)) => output,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(_) => panic!(
            "the check did not finish within {limit:?} of real time. On tokio's paused clock a \
             correct answer takes milliseconds, so something is stuck. Usual causes: a blocking \
             call on the runtime's thread (std::thread::sleep, a busy loop, a blocking lock or \
             channel), or a future that waits for something that never happens (a task that was \
             never spawned or awaited, a lock that is never released)."
        ),
    }
}

/// Awaits `future` and returns how long it took on tokio's clock with its output. On the paused
/// clock the duration is exact: the sum of the timers the runtime had to fire.
pub async fn timed<F: Future>(future: F) -> (Duration, F::Output) {
    let start = tokio::time::Instant::now();
    let output = future.await;
    (start.elapsed(), output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_time_is_exact_and_instant() {
        let real_start = std::time::Instant::now();
        let (took, value) = run_paused(|| {
            timed(async {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                42
            })
        });
        assert_eq!(took, Duration::from_secs(3600));
        assert_eq!(value, 42);
        assert!(real_start.elapsed() < REAL_TIME_LIMIT);
    }

    #[test]
    fn a_stuck_check_fails_with_a_message() {
        let stuck = std::panic::catch_unwind(|| {
            run_paused_within(Duration::from_millis(200), std::future::pending::<()>)
        });
        let message = *stuck.unwrap_err().downcast::<String>().unwrap();
        assert!(message.contains("did not finish"), "{message}");
        assert!(message.contains("std::thread::sleep"), "{message}");
    }

    #[test]
    fn a_failed_assertion_keeps_its_message() {
        let failed =
            std::panic::catch_unwind(|| run_paused(|| async { panic!("the answer was 41") }));
        let message = *failed.unwrap_err().downcast::<&str>().unwrap();
        assert_eq!(message, "the answer was 41");
    }
}
