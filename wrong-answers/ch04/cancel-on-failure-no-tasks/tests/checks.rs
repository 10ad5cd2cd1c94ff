// The exercise's checks, run against this wrong answer: the test command expects `a_panicking_job_is_reported_and_stops_the_others` to fail.
use cancel_on_failure_wrong_no_tasks as cancel_on_failure;
include!("../../../../exercises/ch04/cancel-on-failure/tests/checks.rs");
