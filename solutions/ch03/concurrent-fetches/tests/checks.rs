// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use concurrent_fetches_solution as concurrent_fetches;
include!("../../../../exercises/ch03/concurrent-fetches/tests/checks.rs");
