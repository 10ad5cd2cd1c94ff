// The exercise's checks, run against this wrong answer: the test command expects `the_runtime_stays_free_during_the_lookup` to fail.
use blocking_library_wrong_inline as blocking_library;
include!("../../../../exercises/ch08/blocking-library/tests/checks.rs");
