// The exercise's checks, run against this wrong answer: the test command expects `the_other_downloads_are_stopped_once_one_succeeds` to fail.
use first_mirror_wrong_detached_losers as first_mirror;
include!("../../../../exercises/ch04/first-mirror/tests/checks.rs");
