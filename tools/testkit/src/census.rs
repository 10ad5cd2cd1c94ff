use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

/// Counts who runs a piece of code: how many distinct OS threads entered it, and the most
/// visits that were inside it at the same time.
///
/// The code under test calls [`ThreadCensus::enter`] at the start of the work it was given
/// and keeps the returned visit until the work ends. Unlike [`crate::Rendezvous`], nobody
/// waits: the census only counts, so it can prove upper bounds ("at most 4 threads", "never
/// more than 2 at once") on any schedule.
///
/// ```
/// use course_testkit::ThreadCensus;
///
/// let census = ThreadCensus::new();
/// let census = &census;
/// std::thread::scope(|scope| {
///     for part in [[1, 2], [3, 4]] {
///         scope.spawn(move || {
///             for item in part {
///                 let _visit = census.enter();
///                 std::hint::black_box(item * 2);
///             }
///         });
///     }
/// });
/// census.assert_at_most_threads(2, "the doubling");
/// census.assert_at_most_at_once(2, "the doubling");
/// ```
///
/// A visit is counted while its guard lives, so async tasks that hold one across an
/// `.await` count as several visits on one thread: [`ThreadCensus::most_at_once`] then
/// measures how many tasks were inside at once.
#[derive(Default)]
pub struct ThreadCensus {
    state: Mutex<Tally>,
}

#[derive(Default)]
struct Tally {
    threads: HashSet<ThreadId>,
    inside: usize,
    most_inside: usize,
}

impl ThreadCensus {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a visit by the calling thread, until the returned guard is dropped.
    #[must_use = "the visit ends when the guard is dropped: keep it for the whole work"]
    pub fn enter(&self) -> Visit<'_> {
        let mut tally = self.tally();
        tally.threads.insert(std::thread::current().id());
        tally.inside += 1;
        tally.most_inside = tally.most_inside.max(tally.inside);
        Visit { census: self }
    }

    /// How many distinct threads entered.
    pub fn distinct_threads(&self) -> usize {
        self.tally().threads.len()
    }

    /// The most visits that were inside at the same time.
    pub fn most_at_once(&self) -> usize {
        self.tally().most_inside
    }

    /// Asserts that at most `max` distinct threads entered. `what` names the work.
    #[track_caller]
    pub fn assert_at_most_threads(&self, max: usize, what: &str) {
        let threads = self.distinct_threads();
        assert!(
            threads <= max,
            "{what} ran on {threads} distinct threads; at most {max} were asked for. Start \
             {max} threads and give each a share of the work, instead of a thread per item."
        );
    }

    /// Asserts that at most `max` visits were inside at the same time. `what` names the work.
    #[track_caller]
    pub fn assert_at_most_at_once(&self, max: usize, what: &str) {
        let most = self.most_at_once();
        assert!(
            most <= max,
            "{most} runs of {what} were in progress at the same time; the limit is {max}. \
             Start the next one only when one of the running ones has finished (a semaphore, \
             a fixed number of workers, buffer_unordered({max}))."
        );
    }

    /// The counts stay meaningful after a panic in some visit, so poisoning is ignored.
    fn tally(&self) -> MutexGuard<'_, Tally> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One visit recorded by [`ThreadCensus::enter`]; it ends when dropped.
pub struct Visit<'census> {
    census: &'census ThreadCensus,
}

impl Drop for Visit<'_> {
    fn drop(&mut self) {
        self.census.tally().inside -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Rendezvous, run_paused, serial};
    use std::sync::Arc;
    use std::time::Duration;

    fn message_of(failure: Box<dyn std::any::Any + Send>) -> String {
        *failure.downcast::<String>().unwrap()
    }

    #[test]
    fn threads_are_counted_once_each() {
        let _turn = serial();
        let census = ThreadCensus::new();
        std::thread::scope(|scope| {
            for _ in 0..3 {
                scope.spawn(|| {
                    for _ in 0..4 {
                        let _visit = census.enter();
                    }
                });
            }
        });
        assert_eq!(census.distinct_threads(), 3);
        census.assert_at_most_threads(3, "the work");
        let failure = std::panic::catch_unwind(|| census.assert_at_most_threads(2, "the work"));
        assert!(message_of(failure.unwrap_err()).contains("ran on 3 distinct threads"));
    }

    #[test]
    fn visits_one_after_another_are_one_at_once() {
        let _turn = crate::serial();
        let census = ThreadCensus::new();
        for _ in 0..5 {
            let _visit = census.enter();
        }
        assert_eq!(census.most_at_once(), 1);
    }

    #[test]
    fn overlapping_visits_are_seen_together() {
        let _turn = serial();
        let census = ThreadCensus::new();
        // The rendezvous holds every visit open until all three are inside.
        let rendezvous = Rendezvous::new(3);
        std::thread::scope(|scope| {
            for _ in 0..3 {
                scope.spawn(|| {
                    let _visit = census.enter();
                    rendezvous.arrive();
                });
            }
        });
        assert_eq!(census.most_at_once(), 3);
        let failure = std::panic::catch_unwind(|| census.assert_at_most_at_once(2, "a fetch"));
        let message = message_of(failure.unwrap_err());
        assert!(message.contains("3 runs of a fetch"), "{message}");
    }

    #[test]
    fn tasks_holding_a_visit_across_an_await_count_as_visits() {
        let _turn = crate::serial();
        let most = run_paused(|| async {
            let census = Arc::new(ThreadCensus::new());
            let semaphore = Arc::new(tokio::sync::Semaphore::new(2));
            let mut fetches = tokio::task::JoinSet::new();
            for _ in 0..6 {
                let (census, semaphore) = (census.clone(), semaphore.clone());
                fetches.spawn(async move {
                    let _permit = semaphore.acquire().await.unwrap();
                    let _visit = census.enter();
                    tokio::time::sleep(Duration::from_millis(10)).await;
                });
            }
            fetches.join_all().await;
            census.assert_at_most_at_once(2, "a fetch");
            census.most_at_once()
        });
        assert_eq!(most, 2);
    }
}
