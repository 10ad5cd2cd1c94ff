// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use retry_solution as retry;
include!("../../../../exercises/ch03/retry/tests/checks.rs");
