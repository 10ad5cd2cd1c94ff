// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use gather_with_errors_solution as gather_with_errors;
include!("../../../../exercises/ch04/gather-with-errors/tests/checks.rs");
