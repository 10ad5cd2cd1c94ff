// The exercise's checks, run against this wrong answer: the test command expects `the_first_successful_download_wins_when_it_succeeds` to fail.
use first_mirror_wrong_first_answer as first_mirror;
include!("../../../../exercises/ch04/first-mirror/tests/checks.rs");
