use course_testkit::{count_polls, run_paused, run_real_clock, timed};
use stall_detector::worst_stall;
use std::time::Duration;
use tokio::time::{Instant, advance, sleep_until};

fn ms(milliseconds: u64) -> Duration {
    Duration::from_millis(milliseconds)
}

// On the paused clock, `advance` is what a blocking call looks like to the
// runtime: time passes and no other task runs meanwhile. The checks stall the
// runtime that way, beside the heartbeat.

#[test]
fn a_runtime_that_never_stalls_gives_zero() {
    let (took, worst) = run_paused(|| async { timed(worst_stall(ms(10), 5)).await });
    assert_eq!(
        worst,
        Duration::ZERO,
        "nothing else ran: every beat was on time"
    );
    assert_eq!(
        took,
        ms(50),
        "5 beats of 10 ms took {took:?} on tokio's clock: wait for each beat with \
         tokio::time::sleep or sleep_until (std::thread::sleep blocks the thread \
         and does not move tokio's clock)"
    );
}

#[test]
fn reports_the_worst_lateness_of_the_beats() {
    let (took, worst) = run_paused(|| async {
        let start = Instant::now();
        let stalls = async {
            sleep_until(start + ms(15)).await;
            advance(ms(30)).await; // the beat due at 20 ms wakes at 45 ms
            sleep_until(start + ms(60)).await;
            advance(ms(12)).await; // the beat due at 65 ms wakes at 72 ms
        };
        let (heartbeat, ()) = tokio::join!(timed(worst_stall(ms(10), 4)), stalls);
        heartbeat
    });
    assert_eq!(
        worst,
        ms(25),
        "beats due at 10, 20, 55 and 65 ms woke at 10, 45, 55 and 72 ms: the worst \
         was 25 ms late, not {worst:?}. Lateness is measured from when the beat was \
         due, not from the previous beat"
    );
    assert_eq!(took, ms(72), "the last beat woke at 72 ms");
}

#[test]
fn the_next_beat_is_due_a_period_after_the_last_wake_up() {
    let (took, worst) = run_paused(|| async {
        let start = Instant::now();
        let stall = async {
            sleep_until(start + ms(12)).await;
            advance(ms(30)).await; // the beat due at 20 ms wakes at 42 ms
        };
        let (heartbeat, ()) = tokio::join!(timed(worst_stall(ms(10), 3)), stall);
        heartbeat
    });
    assert_eq!(worst, ms(22), "the beat due at 20 ms woke at 42 ms");
    assert_eq!(
        took,
        ms(52),
        "after the stall, the third beat is due 10 ms after the second woke (at \
         42 ms), so the heartbeat ends at 52 ms, not {took:?}: a beat that catches \
         up at once (an interval's default) reports a stall that never happened"
    );
}

#[test]
fn no_beats_return_at_once() {
    let (took, worst) = run_paused(|| async { timed(worst_stall(ms(10), 0)).await });
    assert_eq!(
        (took, worst),
        (Duration::ZERO, Duration::ZERO),
        "no beats: nothing to wait for, and nothing was late"
    );
}

#[test]
fn waits_for_its_timer_without_spinning() {
    let polls = run_real_clock(|| async {
        let (heartbeat, polls) = count_polls(worst_stall(ms(4), 3));
        heartbeat.await;
        polls
    });
    // One wake-up per beat, and the first poll.
    polls.assert_at_most(8, "worst_stall, over 3 beats of 4 ms,");
}
