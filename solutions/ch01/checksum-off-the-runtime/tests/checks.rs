// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use checksum_off_the_runtime_solution as checksum_off_the_runtime;
include!("../../../../exercises/ch01/checksum-off-the-runtime/tests/checks.rs");
