/// How many times [`live_tasks`] yields to the runtime before counting: enough for aborted
/// tasks, and tasks that end because an aborted one dropped their channel, to be dropped.
const SETTLE_YIELDS: usize = 100;

/// Lets the current tokio runtime settle, then returns how many tasks on it are still alive.
///
/// Aborting a task only marks it; the runtime drops it the next time it runs its queue. So
/// this first yields up to 100 times (stopping early when no task is left), which costs
/// microseconds and no time on any clock, then reads the runtime's count of alive tasks
/// (`RuntimeMetrics::num_alive_tasks`, stable since tokio 1.39 without `tokio_unstable`).
///
/// The count covers every task spawned on the runtime, the check's own too (a
/// [`crate::BlockingProbe`] spawns one); it does not cover `spawn_blocking` work (see
/// [`crate::OsThreads`]) nor the future passed to `block_on`. On a multi-thread runtime the
/// count may lag; the runners use a current-thread runtime, where it is exact.
///
/// ```
/// use course_testkit::{live_tasks, run_paused};
/// use std::time::Duration;
///
/// run_paused(|| async {
///     let forever = tokio::spawn(tokio::time::sleep(Duration::from_secs(3600)));
///     assert_eq!(live_tasks().await, 1);
///     forever.abort();
///     assert_eq!(live_tasks().await, 0);
/// });
/// ```
///
/// # Panics
/// Outside a tokio runtime.
pub async fn live_tasks() -> usize {
    let metrics = tokio::runtime::Handle::current().metrics();
    for _ in 0..SETTLE_YIELDS {
        if metrics.num_alive_tasks() == 0 {
            break;
        }
        tokio::task::yield_now().await;
    }
    metrics.num_alive_tasks()
}

/// Asserts that no task is left on the current runtime once it has settled (see
/// [`live_tasks`]). Call it after the function under test returned; `what` names that
/// function, for the message.
///
/// # Panics
/// When tasks are left, or outside a tokio runtime.
pub async fn assert_no_tasks_left(what: &str) {
    let left = live_tasks().await;
    assert!(
        left == 0,
        "{left} task(s) were still alive after {what} returned. A task that nobody awaits any \
         more keeps running (and holding its resources) until it ends by itself: abort the \
         tasks you no longer need (JoinHandle::abort, or drop a JoinSet, which aborts them all) \
         before returning, error paths included."
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run_paused;
    use std::time::Duration;

    #[test]
    fn finished_and_aborted_tasks_are_not_alive() {
        let _turn = crate::serial();
        run_paused(|| async {
            let quick = tokio::spawn(async { 7 });
            let slow = tokio::spawn(tokio::time::sleep(Duration::from_secs(60)));
            assert_eq!(
                live_tasks().await,
                1,
                "the quick task ran during the settling"
            );
            assert_eq!(quick.await.unwrap(), 7);
            slow.abort();
            assert_no_tasks_left("the abort").await;
        });
    }

    #[test]
    fn a_dropped_join_set_leaves_nothing() {
        let _turn = crate::serial();
        run_paused(|| async {
            let mut mirrors = tokio::task::JoinSet::new();
            for _ in 0..10 {
                mirrors.spawn(tokio::time::sleep(Duration::from_secs(60)));
            }
            assert_eq!(live_tasks().await, 10);
            drop(mirrors);
            assert_no_tasks_left("first_mirror").await;
        });
    }

    #[test]
    fn a_detached_task_is_caught() {
        let _turn = crate::serial();
        let failure = std::panic::catch_unwind(|| {
            run_paused(|| async {
                // Dropping a JoinHandle detaches the task; it keeps running.
                drop(tokio::spawn(tokio::time::sleep(Duration::from_secs(60))));
                assert_no_tasks_left("first_mirror").await;
            })
        });
        let message = *failure.unwrap_err().downcast::<String>().unwrap();
        assert!(
            message.contains("1 task(s) were still alive after first_mirror returned"),
            "{message}"
        );
    }

    #[test]
    fn tasks_that_end_because_an_aborted_one_ended_are_gone_too() {
        let _turn = crate::serial();
        run_paused(|| async {
            let (sender, mut receiver) = tokio::sync::mpsc::channel::<u32>(1);
            let producer = tokio::spawn(async move {
                tokio::time::sleep(Duration::from_secs(60)).await;
                sender.send(1).await.unwrap();
            });
            let consumer = tokio::spawn(async move { while receiver.recv().await.is_some() {} });
            producer.abort();
            assert_no_tasks_left("the pipeline").await;
            assert!(consumer.is_finished());
        });
    }
}
