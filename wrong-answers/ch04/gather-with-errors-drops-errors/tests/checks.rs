// The exercise's checks, run against this wrong answer: the test command expects `returns_one_result_per_service_in_order_with_errors_as_values` to fail.
use gather_with_errors_wrong_drops_errors as gather_with_errors;
include!("../../../../exercises/ch04/gather-with-errors/tests/checks.rs");
