// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use first_mirror_solution as first_mirror;
include!("../../../../exercises/ch04/first-mirror/tests/checks.rs");
