// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use cancel_on_failure_solution as cancel_on_failure;
include!("../../../../exercises/ch04/cancel-on-failure/tests/checks.rs");
