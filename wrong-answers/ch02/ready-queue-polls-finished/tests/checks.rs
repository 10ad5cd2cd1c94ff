// The exercise's checks, run against this wrong answer: the test command expects `a_stale_wake_of_a_finished_task_is_ignored` to fail.
use ready_queue_wrong_polls_finished as ready_queue;
include!("../../../../exercises/ch02/ready-queue/tests/checks.rs");
