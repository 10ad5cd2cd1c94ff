// The exercise's checks, run against this wrong answer: the test command expects `a_slow_lookup_times_out_at_the_limit_and_is_stopped` to fail.
use timeout_wrapper_wrong_checks_afterwards as timeout_wrapper;
include!("../../../../exercises/ch04/timeout-wrapper/tests/checks.rs");
