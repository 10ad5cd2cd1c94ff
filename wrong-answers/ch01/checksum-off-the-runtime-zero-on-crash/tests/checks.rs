// The exercise's checks, run against this wrong answer: the test command expects `a_crashing_checksum_is_an_error_not_a_crash_or_a_zero` to fail.
use checksum_off_the_runtime_wrong_zero_on_crash as checksum_off_the_runtime;
include!("../../../../exercises/ch01/checksum-off-the-runtime/tests/checks.rs");
