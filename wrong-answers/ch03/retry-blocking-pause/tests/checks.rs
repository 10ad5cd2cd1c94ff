// The exercise's checks, run against this wrong answer: the test command expects `other_tasks_run_during_the_pauses` to fail.
use retry_wrong_blocking_pause as retry;
include!("../../../../exercises/ch03/retry/tests/checks.rs");
