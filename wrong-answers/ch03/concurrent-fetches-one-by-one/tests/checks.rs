// The exercise's checks, run against this wrong answer: the test command expects `the_fetches_overlap` to fail.
use concurrent_fetches_wrong_one_by_one as concurrent_fetches;
include!("../../../../exercises/ch03/concurrent-fetches/tests/checks.rs");
