// The exercise's checks, run against this wrong answer: the test command expects `returns_the_first_failure_in_time_as_soon_as_it_happens` to fail.
use cancel_on_failure_wrong_waits_for_all as cancel_on_failure;
include!("../../../../exercises/ch04/cancel-on-failure/tests/checks.rs");
