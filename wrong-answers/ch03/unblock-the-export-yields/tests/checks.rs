// The exercise's checks, run against this wrong answer: the test command expects `a_job_ready_after_one_second_is_reported_after_one_second` to fail.
use unblock_the_export_wrong_yields as unblock_the_export;
include!("../../../../exercises/ch03/unblock-the-export/tests/checks.rs");
