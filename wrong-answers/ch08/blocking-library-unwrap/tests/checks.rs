// The exercise's checks, run against this wrong answer: the test command expects `a_crash_in_the_library_is_a_500_not_a_crash` to fail.
use blocking_library_wrong_unwrap as blocking_library;
include!("../../../../exercises/ch08/blocking-library/tests/checks.rs");
