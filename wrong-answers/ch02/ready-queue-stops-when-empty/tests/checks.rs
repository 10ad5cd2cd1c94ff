// The exercise's checks, run against this wrong answer: the test command expects `a_task_woken_later_by_another_thread_is_polled_again` to fail.
use ready_queue_wrong_stops_when_empty as ready_queue;
include!("../../../../exercises/ch02/ready-queue/tests/checks.rs");
