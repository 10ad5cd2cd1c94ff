// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use hand_made_timer_solution as hand_made_timer;
include!("../../../../exercises/ch02/hand-made-timer/tests/checks.rs");
