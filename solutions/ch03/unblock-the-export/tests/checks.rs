// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use unblock_the_export_solution as unblock_the_export;
include!("../../../../exercises/ch03/unblock-the-export/tests/checks.rs");
