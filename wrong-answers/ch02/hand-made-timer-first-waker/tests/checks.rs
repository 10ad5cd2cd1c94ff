// The exercise's checks, run against this wrong answer: the test command expects `the_latest_waker_is_the_one_called` to fail.
use hand_made_timer_wrong_first_waker as hand_made_timer;
include!("../../../../exercises/ch02/hand-made-timer/tests/checks.rs");
