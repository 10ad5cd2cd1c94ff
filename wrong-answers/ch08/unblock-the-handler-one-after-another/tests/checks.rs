// The exercise's checks, run against this wrong answer: the test command expects `one_request_waits_for_both_services_at_once` to fail.
use unblock_the_handler_wrong_one_after_another as unblock_the_handler;
include!("../../../../exercises/ch08/unblock-the-handler/tests/checks.rs");
