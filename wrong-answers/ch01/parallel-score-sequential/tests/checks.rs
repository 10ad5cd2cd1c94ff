// The exercise's checks, run against this wrong answer: the test command expects `scores_the_groups_at_the_same_time_on_separate_threads` to fail.
use parallel_score_wrong_sequential as parallel_score;
include!("../../../../exercises/ch01/parallel-score/tests/checks.rs");
