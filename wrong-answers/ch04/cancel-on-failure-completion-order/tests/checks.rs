// The exercise's checks, run against this wrong answer: the test command expects `every_report_comes_back_in_input_order` to fail.
use cancel_on_failure_wrong_completion_order as cancel_on_failure;
include!("../../../../exercises/ch04/cancel-on-failure/tests/checks.rs");
