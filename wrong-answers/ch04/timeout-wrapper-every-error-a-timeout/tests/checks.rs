// The exercise's checks, run against this wrong answer: the test command expects `the_lookups_own_error_is_not_a_timeout` to fail.
use timeout_wrapper_wrong_every_error_a_timeout as timeout_wrapper;
include!("../../../../exercises/ch04/timeout-wrapper/tests/checks.rs");
