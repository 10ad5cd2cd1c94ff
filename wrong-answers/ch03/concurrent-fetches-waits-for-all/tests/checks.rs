// The exercise's checks, run against this wrong answer: the test command expects `a_failed_fetch_comes_back_as_the_error_as_soon_as_it_fails` to fail.
use concurrent_fetches_wrong_waits_for_all as concurrent_fetches;
include!("../../../../exercises/ch03/concurrent-fetches/tests/checks.rs");
