// The starter's checks, run against this solution: one copy of each check, in the exercise.
use unblock_the_handler_solution as unblock_the_handler;
include!("../../../../exercises/ch08/unblock-the-handler/tests/checks.rs");
