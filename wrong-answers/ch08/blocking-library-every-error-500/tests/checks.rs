// The exercise's checks, run against this wrong answer: the test command expects `errors_keep_their_meaning` to fail.
use blocking_library_wrong_every_error_500 as blocking_library;
include!("../../../../exercises/ch08/blocking-library/tests/checks.rs");
