// The exercise's checks, run against this wrong answer: the test command expects `a_failed_check_does_not_cut_the_others_short` to fail.
use gather_with_errors_wrong_one_by_one as gather_with_errors;
include!("../../../../exercises/ch04/gather-with-errors/tests/checks.rs");
