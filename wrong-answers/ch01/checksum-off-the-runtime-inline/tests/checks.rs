// The exercise's checks, run against this wrong answer: the test command expects `other_tasks_keep_running_while_the_checksum_runs` to fail.
use checksum_off_the_runtime_wrong_inline as checksum_off_the_runtime;
include!("../../../../exercises/ch01/checksum-off-the-runtime/tests/checks.rs");
