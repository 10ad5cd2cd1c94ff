// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use parallel_score_solution as parallel_score;
include!("../../../../exercises/ch01/parallel-score/tests/checks.rs");
