use crate::serial::{SerialGuard, serial};
use std::any::Any;
use std::future::Future;
use std::sync::mpsc;
use std::time::Duration;

/// How long, in real time, a check may run before it is reported as stuck. On the paused clock
/// a correct answer finishes in milliseconds, whatever durations it waits for.
pub const REAL_TIME_LIMIT: Duration = Duration::from_secs(10);

/// How long a runner waits, once the check has finished, for the runtime to drop the check's
/// tasks and end its threads. Only work that ignores shutdown (a blocking call that never
/// returns) takes that long; it is then left behind.
const SHUTDOWN_PATIENCE: Duration = Duration::from_secs(2);

/// Runs the future made by `make_check` on a current-thread tokio runtime whose clock starts
/// paused (as `#[tokio::test(start_paused = true)]` does), and returns its output.
///
/// The check runs on its own thread. If it has not finished after [`REAL_TIME_LIMIT`] of real
/// time, this function panics with a message that names the usual causes, so a deadlock in a
/// student's code ends the test instead of hanging it. A panic inside the check (a failed
/// assertion, a `todo!()`) is passed on with its own message.
///
/// The check runs in its test binary's serial turn (see [`crate::serial`]): no other check of
/// the binary runs meanwhile, so process-wide probes measure this check alone. When it ends,
/// the runtime is shut down (its tasks dropped, its threads ended) before this returns.
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
    run_bounded(Clock::Paused, limit, make_check)
}

/// Runs the future made by `make_check` on a current-thread tokio runtime with the real
/// clock, bounded by [`REAL_TIME_LIMIT`] of real time, and returns its output.
///
/// It proves that an answer also works where time really passes: code that moves tokio's
/// clock by hand (`tokio::time::advance`, which panics with "time is not frozen" on the real
/// clock, or `pause` then `advance`) fails here with a message. Use tiny durations (a few
/// milliseconds) and never assert how long the check took: real time depends on the
/// machine. Everything else is as in [`run_paused`] (serial turn, shutdown, messages).
///
/// ```
/// use course_testkit::run_real_clock;
/// use std::time::Duration;
///
/// let answer = run_real_clock(|| async {
///     let reply = tokio::time::timeout(Duration::from_millis(50), async { 42 }).await;
///     tokio::time::sleep(Duration::from_millis(2)).await;
///     reply
/// });
/// assert_eq!(answer, Ok(42));
/// ```
pub fn run_real_clock<Make, Check>(make_check: Make) -> Check::Output
where
    Make: FnOnce() -> Check + Send + 'static,
    Check: Future,
    Check::Output: Send + 'static,
{
    run_real_clock_within(REAL_TIME_LIMIT, make_check)
}

/// [`run_real_clock`] with another real-time limit.
pub fn run_real_clock_within<Make, Check>(limit: Duration, make_check: Make) -> Check::Output
where
    Make: FnOnce() -> Check + Send + 'static,
    Check: Future,
    Check::Output: Send + 'static,
{
    run_bounded(Clock::Real, limit, make_check)
}

#[derive(Clone, Copy, PartialEq)]
enum Clock {
    Paused,
    Real,
}

/// What the check's thread reports.
enum Report<Output> {
    Finished(std::thread::Result<Output>),
    ShutDown,
}

fn run_bounded<Make, Check>(clock: Clock, limit: Duration, make_check: Make) -> Check::Output
where
    Make: FnOnce() -> Check + Send + 'static,
    Check: Future,
    Check::Output: Send + 'static,
{
    // Held by this (the test's) thread, so a check that times out still gives the turn back
    // when this thread panics.
    let _turn = serial();
    let (report, reports) = mpsc::channel();
    let check_thread = std::thread::Builder::new()
        .name(match clock {
            Clock::Paused => "paused-clock-check".into(),
            Clock::Real => "real-clock-check".into(),
        })
        .spawn(move || {
            let _turn = SerialGuard::lent();
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .start_paused(clock == Clock::Paused)
                .build()
                .expect("a current-thread runtime can always be built");
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                runtime.block_on(async move {
                    match clock {
                        Clock::Paused => make_check().await,
                        Clock::Real => keeping_real_time(make_check()).await,
                    }
                })
            }));
            // The receiver is gone only if the limit already passed; nothing to report then.
            let _ = report.send(Report::Finished(result));
            // Dropping a task may run a student's destructor; its panic is not this check's.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                runtime.shutdown_timeout(SHUTDOWN_PATIENCE);
            }));
            let _ = report.send(Report::ShutDown);
        })
        .expect("the OS refused to start a thread for the check");
    let result = match reports.recv_timeout(limit) {
        Ok(Report::Finished(result)) => result,
        Ok(Report::ShutDown) => unreachable!("the check reports its end before the shutdown"),
        Err(_) => panic!("{}", stuck_message(clock, limit)),
    };
    // Bounded: the shutdown gives up on stuck work after SHUTDOWN_PATIENCE.
    if let Ok(Report::ShutDown) = reports.recv_timeout(SHUTDOWN_PATIENCE * 2) {
        let _ = check_thread.join();
    }
    match result {
        Ok(output) => output,
        Err(panic) => match (clock, panic_text(&*panic)) {
            (Clock::Real, Some(text)) if text.contains("time is not frozen") => {
                panic!("{}", ADVANCED_ON_REAL_CLOCK)
            }
            _ => std::panic::resume_unwind(panic),
        },
    }
}

const ADVANCED_ON_REAL_CLOCK: &str = "the code moved tokio's clock by hand \
    (tokio::time::advance panicked with \"time is not frozen\"). advance only works on the \
    paused clock of tests; on a real runtime time passes by itself. Wait with \
    tokio::time::sleep (or a timer) instead.";

/// Runs `check` and then makes sure that tokio's clock did not run ahead of the real one:
/// on the real clock they move together unless someone paused tokio's clock and advanced it.
async fn keeping_real_time<Check: Future>(check: Check) -> Check::Output {
    // Read so that tokio's interval lies inside the real one.
    let real_start = std::time::Instant::now();
    let tokio_start = tokio::time::Instant::now();
    let output = check.await;
    let tokio_elapsed = tokio_start.elapsed();
    let real_elapsed = real_start.elapsed();
    // A millisecond of slack for rounding inside tokio's clock.
    assert!(
        tokio_elapsed <= real_elapsed + Duration::from_millis(1),
        "tokio's clock moved {tokio_elapsed:?} while only {real_elapsed:?} of real time passed: \
         the code paused tokio's clock and advanced it by hand (tokio::time::pause, advance). \
         That only fakes the wait; on a real runtime time passes by itself. Wait with \
         tokio::time::sleep (or a timer) instead."
    );
    output
}

fn stuck_message(clock: Clock, limit: Duration) -> String {
    let expectation = match clock {
        Clock::Paused => {
            "On tokio's paused clock a correct answer takes milliseconds, so something is stuck."
        }
        Clock::Real => {
            "The check waits only a few milliseconds of real time, so something is stuck."
        }
    };
    format!(
        "the check did not finish within {limit:?} of real time. {expectation} Usual causes: \
         a blocking call on the runtime's thread (std::thread::sleep, a busy loop, a blocking \
         lock or channel), or a future that waits for something that never happens (a task \
         that was never spawned or awaited, a lock that is never released, a waker that is \
         never called)."
    )
}

fn panic_text(payload: &(dyn Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
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
    use crate::serial::holds_turn;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    fn message_of(failure: Box<dyn Any + Send>) -> String {
        panic_text(&*failure).unwrap().to_owned()
    }

    #[test]
    fn virtual_time_is_exact_and_instant() {
        let _turn = crate::serial();
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
        let _turn = crate::serial();
        let stuck = std::panic::catch_unwind(|| {
            run_paused_within(Duration::from_millis(200), std::future::pending::<()>)
        });
        let message = message_of(stuck.unwrap_err());
        assert!(message.contains("did not finish"), "{message}");
        assert!(message.contains("std::thread::sleep"), "{message}");
    }

    #[test]
    fn a_failed_assertion_keeps_its_message() {
        let _turn = crate::serial();
        let failed =
            std::panic::catch_unwind(|| run_paused(|| async { panic!("the answer was 41") }));
        assert_eq!(message_of(failed.unwrap_err()), "the answer was 41");
    }

    #[test]
    fn the_check_runs_in_the_serial_turn() {
        let _turn = crate::serial();
        assert!(run_paused(|| async { holds_turn() }));
        assert!(run_real_clock(|| async { holds_turn() }));
    }

    #[test]
    fn a_stuck_check_gives_the_turn_back() {
        let release = Arc::new(AtomicBool::new(false));
        let stuck_until_released = release.clone();
        // On this test's own thread: while it waits for the turn, thread counts of other
        // tests leave it out (a helper thread joined meanwhile would be counted).
        let stuck = std::panic::catch_unwind(move || {
            run_real_clock_within(Duration::from_millis(100), move || async move {
                // A busy loop on the runtime's thread, bounded so that it ends with the test.
                while !stuck_until_released.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(1));
                }
            })
        });
        assert!(stuck.is_err(), "the stuck check fails");
        // This takes the turn again; if the stuck check kept it, it would wait in vain.
        assert_eq!(run_paused(|| async { 7 }), 7);
        release.store(true, Ordering::Relaxed);
    }

    #[test]
    fn tasks_are_dropped_when_the_check_ends() {
        let _turn = crate::serial();
        let dropped = Arc::new(AtomicBool::new(false));
        let flag = dropped.clone();
        run_paused(|| async move {
            struct SetOnDrop(Arc<AtomicBool>);
            impl Drop for SetOnDrop {
                fn drop(&mut self) {
                    self.0.store(true, Ordering::SeqCst);
                }
            }
            let guard = SetOnDrop(flag);
            tokio::spawn(async move {
                let _guard = guard;
                std::future::pending::<()>().await;
            });
        });
        assert!(dropped.load(Ordering::SeqCst));
    }

    #[test]
    fn the_real_clock_runs_real_timers() {
        let _turn = crate::serial();
        let (took, value) = run_real_clock(|| {
            timed(async {
                tokio::time::sleep(Duration::from_millis(2)).await;
                "slept"
            })
        });
        // Never less than asked; how much more depends on the machine, so it is not checked.
        assert!(took >= Duration::from_millis(2));
        assert_eq!(value, "slept");
    }

    #[test]
    fn advancing_the_real_clock_fails_with_a_message() {
        let _turn = crate::serial();
        let failure = std::panic::catch_unwind(|| {
            run_real_clock(|| async {
                tokio::time::advance(Duration::from_millis(5)).await;
            })
        });
        let message = message_of(failure.unwrap_err());
        assert!(message.contains("moved tokio's clock by hand"), "{message}");
    }

    #[test]
    fn pausing_then_advancing_the_real_clock_fails_with_a_message() {
        let _turn = crate::serial();
        let failure = std::panic::catch_unwind(|| {
            run_real_clock(|| async {
                tokio::time::pause();
                tokio::time::advance(Duration::from_secs(5)).await;
            })
        });
        let message = message_of(failure.unwrap_err());
        assert!(message.contains("advanced it by hand"), "{message}");
    }

    #[test]
    fn a_stuck_real_clock_check_names_the_real_clock() {
        let _turn = crate::serial();
        let stuck = std::panic::catch_unwind(|| {
            run_real_clock_within(Duration::from_millis(100), std::future::pending::<()>)
        });
        let message = message_of(stuck.unwrap_err());
        assert!(
            message.contains("a few milliseconds of real time"),
            "{message}"
        );
    }
}
