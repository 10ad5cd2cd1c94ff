// The exercise's checks, run against this wrong answer: the test command expects `poll_answers_at_once_even_for_a_long_delay` to fail.
use hand_made_timer_wrong_sleeps_in_poll as hand_made_timer;
include!("../../../../exercises/ch02/hand-made-timer/tests/checks.rs");
