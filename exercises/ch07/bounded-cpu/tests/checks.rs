use bounded_cpu::{CpuLimiter, JobPanicked};
use course_testkit::{
    BlockingProbe, CpuProbe, Rendezvous, ThreadCensus, catching_panics, count_polls,
    run_paused, run_real_clock,
};
use futures::future::join_all;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

/// Stands in for a thumbnail: CPU work whose answer the checks know.
fn thumbnail_size(width: u32, height: u32) -> u32 {
    let scale = 128.0 / f64::from(width.max(height));
    (f64::from(width) * scale).round() as u32
        * (f64::from(height) * scale).round() as u32
}

/// A job that holds its place until the check lets it go (5 s at most), telling
/// the check when it starts and whether it is still running.
struct HeldJob {
    started: tokio::sync::oneshot::Receiver<()>,
    release: mpsc::Sender<()>,
    running: Arc<AtomicBool>,
}

fn held_job() -> (HeldJob, impl FnOnce() + Send + 'static) {
    let (report_start, started) = tokio::sync::oneshot::channel();
    let (release, released) = mpsc::channel();
    let running = Arc::new(AtomicBool::new(false));
    let running_in_job = running.clone();
    let job = move || {
        running_in_job.store(true, Ordering::SeqCst);
        let _ = report_start.send(());
        let _ = released.recv_timeout(Duration::from_secs(5));
        running_in_job.store(false, Ordering::SeqCst);
    };
    (
        HeldJob {
            started,
            release,
            running,
        },
        job,
    )
}

/// Waits `real` milliseconds of real time without blocking the runtime: long
/// enough for a job that wrongly got a place to start on the blocking pool.
async fn let_real_time_pass(real: u64) {
    tokio::task::spawn_blocking(move || {
        std::thread::sleep(Duration::from_millis(real))
    })
    .await
    .unwrap();
}

#[test]
fn runs_each_job_off_the_runtime_and_returns_its_value() {
    let (size, runtime_was_free) = run_paused(|| async {
        let limiter = CpuLimiter::new(1);
        let probe = BlockingProbe::start();
        limiter
            .run(move || (thumbnail_size(4000, 3000), probe.runtime_ran_meanwhile()))
            .await
            .expect("the job did not panic")
    });
    assert_eq!(size, 128 * 96, "run must return the job's own value");
    assert!(
        runtime_was_free,
        "while the job ran, no other task of the runtime could run for {:?}: the \
         job ran on the runtime's own thread. Send it to tokio's blocking pool \
         (tokio::task::spawn_blocking) and await its JoinHandle",
        BlockingProbe::PATIENCE
    );
}

#[test]
fn runs_up_to_the_limit_at_the_same_time() {
    let rendezvous = Arc::new(Rendezvous::new(3));
    let meeting = rendezvous.clone();
    let sizes = run_paused(move || async move {
        let limiter = CpuLimiter::new(3);
        let jobs =
            [(4000, 3000), (800, 600), (1024, 1024)].map(|(width, height)| {
                let meeting = meeting.clone();
                limiter.run(move || {
                    meeting.arrive();
                    thumbnail_size(width, height)
                })
            });
        join_all(jobs).await
    });
    assert_eq!(sizes, [Ok(128 * 96), Ok(128 * 96), Ok(128 * 128)]);
    rendezvous.assert_met(
        "three jobs under a limit of 3 (they must run at the same time, each on a \
         thread of the blocking pool; a limit of 3 is not a queue of one)",
    );
}

#[test]
fn never_runs_more_than_the_limit_at_once() {
    let census = Arc::new(ThreadCensus::new());
    let counted = census.clone();
    let results = run_paused(move || async move {
        let limiter = CpuLimiter::new(2);
        let jobs = (0..8u32).map(|i| {
            let counted = counted.clone();
            limiter.run(move || {
                let _visit = counted.enter();
                // Long enough, in real time, for jobs let through together to
                // overlap.
                std::thread::sleep(Duration::from_millis(20));
                i
            })
        });
        join_all(jobs).await
    });
    assert_eq!(results, (0..8).map(Ok).collect::<Vec<_>>());
    let most = census.most_at_once();
    assert!(
        most <= 2,
        "{most} jobs ran at the same time under a limit of 2: every job must \
         first take a place (a permit of one tokio::sync::Semaphore shared by every \
         call), and keep it until it ends"
    );
}

#[test]
fn a_job_keeps_its_place_until_it_ends_even_if_its_caller_gives_up() {
    let overlapped = run_paused(|| async {
        let limiter = Arc::new(CpuLimiter::new(1));
        let (first, first_job) = held_job();
        let caller = tokio::spawn({
            let limiter = limiter.clone();
            async move { limiter.run(first_job).await }
        });
        first.started.await.expect("the first job starts");
        // The caller gives up; its job cannot be stopped and keeps running.
        caller.abort();
        let _ = caller.await;
        let first_running = first.running.clone();
        let second = tokio::spawn({
            let limiter = limiter.clone();
            async move {
                limiter
                    .run(move || first_running.load(Ordering::SeqCst))
                    .await
            }
        });
        let_real_time_pass(100).await;
        let _ = first.release.send(());
        second
            .await
            .unwrap()
            .expect("the second job does not panic")
    });
    assert!(
        !overlapped,
        "the second job started while the first was still running, under a limit \
         of 1: the first job's caller gave up, and its place was given back while \
         its job still ran. Blocking work cannot be stopped, so the place must \
         belong to the job itself: move the permit into the closure you send to \
         the blocking pool"
    );
}

#[test]
fn a_job_whose_caller_gives_up_before_it_starts_never_runs() {
    let ran = run_paused(|| async {
        let limiter = Arc::new(CpuLimiter::new(1));
        let (first, first_job) = held_job();
        let holder = tokio::spawn({
            let limiter = limiter.clone();
            async move { limiter.run(first_job).await }
        });
        first.started.await.expect("the first job starts");
        let ran = Arc::new(AtomicBool::new(false));
        let waiting = tokio::spawn({
            let (limiter, ran) = (limiter.clone(), ran.clone());
            let job = move || ran.store(true, Ordering::SeqCst);
            async move { limiter.run(job).await }
        });
        // Let the waiting caller reach its wait for a place, then give up.
        for _ in 0..3 {
            tokio::task::yield_now().await;
        }
        waiting.abort();
        let _ = waiting.await;
        let _ = first.release.send(());
        holder.await.unwrap().expect("the first job does not panic");
        // A later job runs after anything that was still queued before it.
        limiter
            .run(|| ())
            .await
            .expect("the last job does not panic");
        ran.load(Ordering::SeqCst)
    });
    assert!(
        !ran,
        "a job ran although its caller had given up while it waited for a place: \
         the wait must happen in run's own future (dropping it leaves the queue), \
         not in a task spawned on the side"
    );
}

#[test]
fn a_panicking_job_is_an_error_and_frees_its_place() {
    let (outcome, next) = run_paused(|| async {
        let limiter = CpuLimiter::new(1);
        let outcome =
            catching_panics(limiter.run(|| -> u32 {
                panic!("corrupt image (expected by this check)")
            }))
            .await;
        let next =
            tokio::time::timeout(Duration::from_secs(60), limiter.run(|| 7)).await;
        (outcome, next)
    });
    match outcome {
        Ok(result) => assert_eq!(
            result,
            Err(JobPanicked),
            "a job that panics must give Err(JobPanicked)"
        ),
        Err(message) => panic!(
            "run panicked ({message}) when its job panicked: the JoinHandle of a \
             blocking task gives Err(JoinError) for a panic; return Err(JobPanicked)"
        ),
    }
    assert_eq!(
        next,
        Ok(Ok(7)),
        "after a job panicked, the next job never got its place: a panic must give \
         the place back"
    );
}

#[test]
fn waits_for_a_place_without_spinning() {
    let (result, polls) = run_real_clock(|| async {
        // The runtime's thread: it has nothing to do but wait while the first job
        // holds the only place.
        let runtime_thread = CpuProbe::start_on_this_thread();
        let limiter = CpuLimiter::new(1);
        let busy = limiter.run(|| std::thread::sleep(Duration::from_millis(150)));
        let (waiting, polls) = count_polls(limiter.run(|| 5));
        let (_, result) = tokio::join!(busy, waiting);
        runtime_thread.assert_mostly_idle(
            "the runtime's thread while a run waited for a place (a loop that asks \
             again without awaiting keeps it busy)",
        );
        (result, polls)
    });
    assert_eq!(result, Ok(5));
    // One poll to start, one when a place is free, one when the job is done; the
    // margin is wide.
    polls.assert_at_most(
        8,
        "a run waiting for a place (try_acquire in a loop? acquire().await waits \
         to be woken)",
    );
}
