// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use block_on_solution as block_on;
include!("../../../../exercises/ch02/block-on/tests/checks.rs");
