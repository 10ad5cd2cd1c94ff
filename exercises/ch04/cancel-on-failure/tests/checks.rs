use cancel_on_failure::{Job, JobError, Report, run_import};
use course_testkit::{
    catching_panics, count_polls, live_tasks, run_paused, run_real_clock, timed,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How a test job ends.
#[derive(Clone, Copy)]
enum Outcome {
    Rows(u64),
    Fails(&'static str),
    Panics,
}

use Outcome::{Fails, Panics, Rows};

/// The checks' record of an import: which jobs reached their end (a job that was
/// stopped never does), and the most tasks alive on the runtime when a job started.
#[derive(Clone, Default)]
struct Import {
    finished: Arc<Mutex<Vec<&'static str>>>,
    most_tasks_alive: Arc<AtomicUsize>,
}

impl Import {
    /// A job that loads `file` for `latency_ms`, then ends with `outcome`.
    fn job(&self, file: &'static str, latency_ms: u64, outcome: Outcome) -> Job {
        let import = self.clone();
        Box::pin(async move {
            // The checks spawn no task of their own: every task alive is the
            // import's.
            let alive = tokio::runtime::Handle::current()
                .metrics()
                .num_alive_tasks();
            import.most_tasks_alive.fetch_max(alive, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(latency_ms)).await;
            import.finished.lock().unwrap().push(file);
            match outcome {
                Rows(rows) => Ok(Report {
                    file: file.to_string(),
                    rows,
                }),
                Fails(reason) => Err(failed(file, reason)),
                Panics => {
                    panic!(
                        "{file}: the CSV parser panicked (expected by this check)"
                    )
                }
            }
        })
    }

    fn jobs(&self, specs: &[(&'static str, u64, Outcome)]) -> Vec<Job> {
        specs
            .iter()
            .map(|&(file, latency_ms, outcome)| self.job(file, latency_ms, outcome))
            .collect()
    }

    /// The files of the jobs that reached their end, sorted.
    fn finished(&self) -> Vec<&'static str> {
        let mut finished = self.finished.lock().unwrap().clone();
        finished.sort_unstable();
        finished
    }
}

fn failed(file: &str, reason: &str) -> JobError {
    JobError::Failed {
        file: file.to_string(),
        reason: reason.to_string(),
    }
}

fn report(file: &str, rows: u64) -> Report {
    Report {
        file: file.to_string(),
        rows,
    }
}

/// Jobs in no friendly order: neither by name nor by speed, and orders.csv twice (it
/// was delivered again), the second copy finishing first.
const ALL_SUCCEED: [(&str, u64, Outcome); 5] = [
    ("products.csv", 2000, Rows(80)),
    ("orders.csv", 3000, Rows(4500)),
    ("customers.csv", 1000, Rows(120)),
    ("orders.csv", 500, Rows(4512)),
    ("invoices.csv", 1500, Rows(900)),
];

/// Awaits `run_import`, then how many of its tasks are alive once the runtime has
/// settled; then waits a virtual minute, long enough for every job to have ended
/// had it been left running.
async fn import_then_wait(jobs: Vec<Job>) -> (Result<Vec<Report>, JobError>, usize) {
    let result = run_import(jobs).await;
    let tasks_left = live_tasks().await;
    tokio::time::sleep(Duration::from_secs(60)).await;
    (result, tasks_left)
}

fn assert_no_task_left(tasks_left: usize, after: &str) {
    assert_eq!(
        tasks_left, 0,
        "{tasks_left} task(s) of the import were still alive after {after}: \
         returning the error is not enough, the other jobs must be stopped. A dropped \
         JoinHandle detaches its task, which keeps running; abort the tasks (a \
         dropped JoinSet aborts every task in it)"
    );
}

#[test]
fn the_reports_come_back_in_the_order_of_the_jobs() {
    let import = Import::default();
    let jobs = import.jobs(&ALL_SUCCEED);
    let reports = run_paused(move || run_import(jobs));
    assert_eq!(
        reports.expect("no job failed, so the import must succeed"),
        [
            report("products.csv", 80),
            report("orders.csv", 4500),
            report("customers.csv", 120),
            report("orders.csv", 4512),
            report("invoices.csv", 900),
        ],
        "the reports must be in the order of the jobs, each with its own rows (a \
         JoinSet hands the results back in the order they finish: remember each \
         job's index)"
    );
}

#[test]
fn each_job_runs_as_its_own_task_all_at_once() {
    let import = Import::default();
    let jobs = import.jobs(&ALL_SUCCEED);
    let (took, reports) = run_paused(move || timed(run_import(jobs)));
    assert!(reports.is_ok(), "no job failed, so the import must succeed");
    assert_eq!(
        took,
        Duration::from_secs(3),
        "the import took {took:?} of virtual time; jobs running at the same time \
         take as long as the slowest (3 s). More means they ran one after another"
    );
    let most = import.most_tasks_alive.load(Ordering::SeqCst);
    assert_eq!(
        most, 5,
        "when a job started, at most {most} task(s) were alive; with one task per \
         job, all started before any job runs, there are exactly 5. 0 means the jobs \
         are not tasks (they were awaited inside run_import); more than 5 means more \
         than one task per job"
    );
}

#[test]
fn returns_the_first_failure_in_time_as_soon_as_it_happens() {
    let import = Import::default();
    let jobs = import.jobs(&[
        ("customers.csv", 1000, Rows(120)),
        ("orders.csv", 300, Fails("bad date on line 7")),
        ("products.csv", 100, Fails("disk full")),
        ("invoices.csv", 5000, Rows(900)),
    ]);
    let (took, result) = run_paused(move || timed(run_import(jobs)));
    assert_eq!(
        result,
        Err(failed("products.csv", "disk full")),
        "products.csv fails first (at 100 ms), even though orders.csv comes first \
         in the list: take the results in the order they finish, not in the order \
         of the jobs"
    );
    assert_eq!(
        took,
        Duration::from_millis(100),
        "the error came back after {took:?} of virtual time; the first failure \
         happens at 100 ms. Waiting for every job before looking at the results is \
         too late"
    );
}

#[test]
fn no_job_outlives_a_failed_import() {
    let import = Import::default();
    let jobs = import.jobs(&[
        ("customers.csv", 1000, Rows(120)),
        ("invoices.csv", 50, Rows(900)),
        ("orders.csv", 100, Fails("bad date on line 7")),
        ("products.csv", 5000, Rows(80)),
    ]);
    let (result, tasks_left) = run_paused(move || import_then_wait(jobs));
    assert_eq!(result, Err(failed("orders.csv", "bad date on line 7")));
    assert_no_task_left(tasks_left, "run_import returned the error");
    assert_eq!(
        import.finished(),
        ["invoices.csv", "orders.csv"],
        "the jobs that reached their end: only invoices.csv (50 ms) and orders.csv \
         (the failure, 100 ms) may; the others were still loading when the import \
         failed, and must have been stopped"
    );
}

#[test]
fn a_panicking_job_is_reported_and_stops_the_others() {
    let import = Import::default();
    let jobs = import.jobs(&[
        ("customers.csv", 1000, Rows(120)),
        ("orders.csv", 100, Panics),
        ("invoices.csv", 5000, Rows(900)),
    ]);
    let (result, tasks_left) = run_paused(move || async move {
        let result = catching_panics(run_import(jobs)).await;
        let tasks_left = live_tasks().await;
        tokio::time::sleep(Duration::from_secs(60)).await;
        (result, tasks_left)
    });
    let result = result.unwrap_or_else(|panic| {
        panic!(
            "run_import panicked (\"{panic}\") because a job panicked: the panic went \
             through run_import to its caller. A job that runs as a task of its own \
             panics in that task only, and awaiting the task gives Err(JoinError)"
        )
    });
    assert_eq!(
        result,
        Err(JobError::Crashed),
        "a job that panics must come back as Err(JobError::Crashed): awaiting a \
         task gives Err(JoinError) when it panicked"
    );
    assert_no_task_left(tasks_left, "run_import returned Crashed");
    assert_eq!(
        import.finished(),
        ["orders.csv"],
        "after the crash at 100 ms, other jobs still ran to their end: stop them too"
    );
}

#[test]
fn an_abandoned_import_stops_every_job() {
    let import = Import::default();
    let jobs = import.jobs(&ALL_SUCCEED);
    let (gave_up, tasks_left) = run_paused(move || async move {
        // The caller gives up after 1.2 s: customers.csv (1 s) and the second
        // orders.csv (0.5 s) have finished by then.
        let limit = Duration::from_millis(1200);
        let gave_up = tokio::time::timeout(limit, run_import(jobs)).await.is_err();
        let tasks_left = live_tasks().await;
        tokio::time::sleep(Duration::from_secs(60)).await;
        (gave_up, tasks_left)
    });
    assert!(
        gave_up,
        "the import takes 3 s, so a 1.2 s timeout must expire"
    );
    assert_no_task_left(tasks_left, "the caller dropped run_import's future");
    assert_eq!(
        import.finished(),
        ["customers.csv", "orders.csv"],
        "the jobs that reached their end (left): by 1.2 s, when the caller gave up, \
         customers.csv and the second orders.csv had (fewer means the jobs were not \
         all running at once); after it, no job may finish (the tasks must not \
         outlive the dropped run_import)"
    );
}

#[test]
fn an_empty_import_succeeds_at_once() {
    let (took, reports) = run_paused(move || timed(run_import(Vec::new())));
    assert_eq!(reports, Ok(Vec::new()), "no jobs: no reports, and no error");
    assert_eq!(
        took,
        Duration::ZERO,
        "with no jobs, there is nothing to wait for"
    );
}

#[test]
fn waits_for_the_jobs_without_spinning() {
    // On the real clock, with jobs of a few milliseconds.
    let import = Import::default();
    let jobs = import.jobs(&[
        ("products.csv", 20, Rows(80)),
        ("orders.csv", 30, Rows(4500)),
        ("customers.csv", 10, Rows(120)),
    ]);
    let (reports, polls) = run_real_clock(move || async move {
        let (importing, polls) = count_polls(run_import(jobs));
        (importing.await, polls)
    });
    assert_eq!(
        reports,
        Ok(vec![
            report("products.csv", 80),
            report("orders.csv", 4500),
            report("customers.csv", 120),
        ]),
        "the same reports as on the paused clock"
    );
    // One poll to start, then about one per job that ends; the margin is wide.
    polls.assert_at_most(40, "run_import");
}
