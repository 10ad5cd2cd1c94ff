// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use ready_queue_solution as ready_queue;
include!("../../../../exercises/ch02/ready-queue/tests/checks.rs");
