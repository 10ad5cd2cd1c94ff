use course_testkit::run_paused;
use {lib}::answer;

#[test]
fn returns_the_answer() {
    let answer = run_paused(|| async { answer().await });
    assert_eq!(
        answer, 42,
        "TODO(course): say what was measured and what it suggests"
    );
}
