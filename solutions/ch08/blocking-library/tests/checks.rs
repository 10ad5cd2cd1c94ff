// The starter's checks, run against this solution: one copy of each check, in the exercise.
use blocking_library_solution as blocking_library;
include!("../../../../exercises/ch08/blocking-library/tests/checks.rs");
