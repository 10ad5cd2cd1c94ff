// The exercise's checks, run against this wrong answer: the test command expects `a_future_completed_by_another_thread_is_polled_only_when_woken` to fail.
use block_on_wrong_busy_loop as block_on;
include!("../../../../exercises/ch02/block-on/tests/checks.rs");
