use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

/// Wraps `future` so that every poll is counted, and returns it with the counter.
///
/// A future that waits for its waker is polled a handful of times: once to start, once per
/// wake-up. One that wakes itself in a loop (`yield_now`, `wake_by_ref` then `Pending`,
/// `try_recv` until something arrives) is polled thousands of times while it waits. The
/// count is exact, so a check can prove the difference without measuring any time:
///
/// ```
/// use course_testkit::{count_polls, run_paused};
///
/// run_paused(|| async {
///     let (reply_sender, reply) = tokio::sync::oneshot::channel();
///     std::thread::spawn(move || {
///         std::thread::sleep(std::time::Duration::from_millis(20));
///         reply_sender.send("done").unwrap();
///     });
///     let (waiting, polls) = count_polls(reply);
///     assert_eq!(waiting.await, Ok("done"));
///     polls.assert_at_most(2, "a oneshot receiver");
/// });
/// ```
///
/// To count the polls of a task, wrap its future before spawning it:
/// `tokio::spawn(count_polls(work).0)`.
pub fn count_polls<F: Future>(future: F) -> (CountPolls<F>, PollCounter) {
    let counter = PollCounter::default();
    let counted = CountPolls {
        inner: Box::pin(future),
        counter: counter.clone(),
    };
    (counted, counter)
}

/// The future returned by [`count_polls`]: the wrapped future, counting its polls.
pub struct CountPolls<F> {
    // Boxed so that the wrapper can poll it without unsafe pin projection.
    inner: Pin<Box<F>>,
    counter: PollCounter,
}

impl<F: Future> Future for CountPolls<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<F::Output> {
        self.counter.polls.fetch_add(1, Ordering::Relaxed);
        self.inner.as_mut().poll(context)
    }
}

/// How many times the future wrapped by [`count_polls`] was polled. Clones share the count.
#[derive(Clone, Default, Debug)]
pub struct PollCounter {
    polls: Arc<AtomicUsize>,
}

impl PollCounter {
    /// The number of polls so far.
    pub fn get(&self) -> usize {
        self.polls.load(Ordering::Relaxed)
    }

    /// Asserts that the future was polled at most `max` times. `what` names it, for the
    /// message.
    #[track_caller]
    pub fn assert_at_most(&self, max: usize, what: &str) {
        let polls = self.get();
        assert!(
            polls <= max,
            "{what} was polled {polls} times, more than the {max} a future needs when it waits \
             for its waker. It is checking again in a loop instead of waiting: something wakes \
             it at once every time (yield_now, wake_by_ref before Pending, a try_recv or \
             try_lock that is retried). Store the waker and return Poll::Pending, or await \
             the thing you wait for."
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run_paused;
    use std::time::Duration;

    #[test]
    fn every_poll_is_counted() {
        let _turn = crate::serial();
        let (polls, yielded) = run_paused(|| async {
            let (yielding, polls) = count_polls(async {
                for _ in 0..500 {
                    tokio::task::yield_now().await;
                }
            });
            yielding.await;
            (polls.get(), polls)
        });
        assert_eq!(polls, 501);
        assert_eq!(yielded.get(), 501, "clones share the count");
    }

    #[test]
    fn a_future_that_waits_for_its_waker_passes() {
        let _turn = crate::serial();
        run_paused(|| async {
            let (reply_sender, reply) = tokio::sync::oneshot::channel();
            let courier = std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(20));
                reply_sender.send(7).unwrap();
            });
            let (waiting, polls) = count_polls(reply);
            assert_eq!(waiting.await, Ok(7));
            courier.join().unwrap();
            polls.assert_at_most(2, "a oneshot receiver");
        });
    }

    #[test]
    fn a_future_spinning_on_try_recv_fails() {
        let _turn = crate::serial();
        let failure = std::panic::catch_unwind(|| {
            run_paused(|| async {
                let (reply_sender, mut reply) = tokio::sync::oneshot::channel::<u32>();
                let (spinning, polls) = count_polls(async move {
                    loop {
                        if let Ok(value) = reply.try_recv() {
                            return value;
                        }
                        tokio::task::yield_now().await;
                    }
                });
                let watched = polls.clone();
                // The reply comes only once the spinner has been polled many times, so the
                // count does not depend on how fast the machine is.
                let courier = tokio::spawn(async move {
                    while watched.get() < 1000 {
                        tokio::task::yield_now().await;
                    }
                    reply_sender.send(7).unwrap();
                });
                assert_eq!(spinning.await, 7);
                courier.await.unwrap();
                polls.assert_at_most(2, "the spinning receiver");
            })
        });
        let message = *failure.unwrap_err().downcast::<String>().unwrap();
        assert!(
            message.contains("the spinning receiver was polled 10"),
            "{message}"
        );
    }
}
