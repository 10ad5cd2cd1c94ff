// The exercise's checks, run against this wrong answer: the test command expects `tasks_take_turns_when_they_yield` to fail.
use ready_queue_wrong_runs_to_completion as ready_queue;
include!("../../../../exercises/ch02/ready-queue/tests/checks.rs");
