// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use timeout_wrapper_solution as timeout_wrapper;
include!("../../../../exercises/ch04/timeout-wrapper/tests/checks.rs");
