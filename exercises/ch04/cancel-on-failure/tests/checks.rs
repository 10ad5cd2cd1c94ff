use cancel_on_failure::{Job, JobError, Report, run_import};
use course_testkit::{run_paused, timed};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How a test job ends.
enum Outcome {
    Rows(u64),
    Fails(&'static str),
    Panics,
}

/// A job that loads `file` for `latency_ms`, then ends with `outcome`. `finished`
/// counts the jobs that reached their end: a job that was stopped never does.
fn job(
    file: &'static str,
    latency_ms: u64,
    outcome: Outcome,
    finished: &Arc<AtomicUsize>,
) -> Job {
    let finished = finished.clone();
    Box::pin(async move {
        tokio::time::sleep(Duration::from_millis(latency_ms)).await;
        finished.fetch_add(1, Ordering::SeqCst);
        match outcome {
            Outcome::Rows(rows) => Ok(Report {
                file: file.to_string(),
                rows,
            }),
            Outcome::Fails(reason) => Err(JobError::Failed {
                file: file.to_string(),
                reason: reason.to_string(),
            }),
            Outcome::Panics => {
                panic!("{file}: the CSV parser panicked (expected by this check)")
            }
        }
    })
}

fn failed(file: &str, reason: &str) -> JobError {
    JobError::Failed {
        file: file.to_string(),
        reason: reason.to_string(),
    }
}

/// After `run_import` returned, waits long enough for every job to have ended had it
/// been left running, and returns how many jobs reached their end.
async fn finished_after_a_long_wait(finished: &AtomicUsize) -> usize {
    tokio::time::sleep(Duration::from_secs(60)).await;
    finished.load(Ordering::SeqCst)
}

#[test]
fn every_report_comes_back_in_input_order() {
    let (took, reports) = run_paused(|| async {
        let finished = Arc::new(AtomicUsize::new(0));
        let jobs = vec![
            job("customers.csv", 3000, Outcome::Rows(120), &finished),
            job("orders.csv", 1000, Outcome::Rows(4500), &finished),
            job("products.csv", 2000, Outcome::Rows(80), &finished),
        ];
        timed(run_import(jobs)).await
    });
    let files: Vec<String> = reports
        .expect("no job failed, so the import must succeed")
        .into_iter()
        .map(|report| report.file)
        .collect();
    assert_eq!(
        files,
        ["customers.csv", "orders.csv", "products.csv"],
        "the reports must be in the order of the jobs (a JoinSet hands them back in \
         the order they finish: remember each job's index)"
    );
    assert_eq!(
        took,
        Duration::from_secs(3),
        "the import took {took:?} of virtual time; jobs running at the same time \
         take as long as the slowest (3 s). 6 s means they ran one after another"
    );
}

#[test]
fn returns_the_first_failure_in_time_as_soon_as_it_happens() {
    let (took, result) = run_paused(|| async {
        let finished = Arc::new(AtomicUsize::new(0));
        let jobs = vec![
            job("customers.csv", 1000, Outcome::Rows(120), &finished),
            job(
                "orders.csv",
                300,
                Outcome::Fails("bad date on line 7"),
                &finished,
            ),
            job("products.csv", 100, Outcome::Fails("disk full"), &finished),
            job("invoices.csv", 5000, Outcome::Rows(900), &finished),
        ];
        timed(run_import(jobs)).await
    });
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
fn the_other_jobs_are_stopped_not_left_running() {
    let (result, finished) = run_paused(|| async {
        let finished = Arc::new(AtomicUsize::new(0));
        let jobs = vec![
            job("customers.csv", 1000, Outcome::Rows(120), &finished),
            job(
                "orders.csv",
                100,
                Outcome::Fails("bad date on line 7"),
                &finished,
            ),
            job("invoices.csv", 5000, Outcome::Rows(900), &finished),
        ];
        let result = run_import(jobs).await;
        (result, finished_after_a_long_wait(&finished).await)
    });
    assert_eq!(result, Err(failed("orders.csv", "bad date on line 7")));
    assert_eq!(
        finished,
        1,
        "after the failure of orders.csv, {} other job(s) still ran to their end: \
         returning the error is not enough, the other tasks kept running in the \
         background. A dropped JoinHandle detaches its task; abort the tasks (a \
         dropped JoinSet does it for you)",
        finished.saturating_sub(1)
    );
}

#[test]
fn a_panicking_job_is_reported_and_stops_the_others() {
    let (result, finished) = run_paused(|| async {
        let finished = Arc::new(AtomicUsize::new(0));
        let jobs = vec![
            job("customers.csv", 1000, Outcome::Rows(120), &finished),
            job("orders.csv", 100, Outcome::Panics, &finished),
            job("invoices.csv", 5000, Outcome::Rows(900), &finished),
        ];
        let result = run_import(jobs).await;
        (result, finished_after_a_long_wait(&finished).await)
    });
    assert_eq!(
        result,
        Err(JobError::Crashed),
        "a job that panics must come back as Err(JobError::Crashed): awaiting a \
         task's handle gives Err(JoinError) when the task panicked"
    );
    assert_eq!(
        finished,
        1,
        "after the crash, {} other job(s) still ran to their end: stop them too",
        finished.saturating_sub(1)
    );
}
