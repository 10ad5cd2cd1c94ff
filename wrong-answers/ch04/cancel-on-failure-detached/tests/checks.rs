// The exercise's checks, run against this wrong answer: the test command expects `the_other_jobs_are_stopped_not_left_running` to fail.
use cancel_on_failure_wrong_detached as cancel_on_failure;
include!("../../../../exercises/ch04/cancel-on-failure/tests/checks.rs");
