// The exercise's checks, run against this wrong answer: the test command expects `when_every_attempt_fails_the_last_error_comes_back` to fail.
use retry_wrong_first_error as retry;
include!("../../../../exercises/ch03/retry/tests/checks.rs");
