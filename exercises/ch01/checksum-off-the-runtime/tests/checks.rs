use checksum_off_the_runtime::{ChecksumCrashed, checksum_in_background};
use course_testkit::{BlockingProbe, PollCounter, count_polls, run_paused};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A real (if simple) checksum: FNV-1a. Its value for no bytes is not 0.
fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A megabyte of bytes in no particular order, like a compressed upload.
fn upload() -> Vec<u8> {
    (0..1_u32 << 20)
        .map(|index| (index.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect()
}

#[test]
fn returns_the_checksum_of_the_data() {
    for data in [b"hello, tokio".to_vec(), vec![0xff], upload()] {
        let expected = fnv1a(&data);
        let length = data.len();
        let result = run_paused(|| checksum_in_background(data, fnv1a));
        assert!(
            matches!(result, Ok(sum) if sum == expected),
            "the checksum of {length} bytes is Ok({expected}), not {result:?}: \
             return what `checksum` computed for exactly the data given"
        );
    }
}

#[test]
fn an_empty_upload_still_gets_its_checksum() {
    let result = run_paused(|| checksum_in_background(Vec::new(), fnv1a));
    let expected = fnv1a(&[]);
    assert!(
        matches!(result, Ok(sum) if sum == expected),
        "the checksum of no bytes is whatever `checksum` gives for them, \
         Ok({expected}) here, not {result:?}: call `checksum` for an empty upload \
         too"
    );
}

#[test]
fn other_tasks_keep_running_while_the_checksum_runs() {
    let data = upload();
    let expected = fnv1a(&data);
    let (seen, result) = run_paused(|| async move {
        // The check runs on a single-threaded runtime, like asyncio's event loop:
        // this thread is the one that polls every task.
        let runtime_thread = std::thread::current().id();
        let probe = BlockingProbe::start();
        let seen = Arc::new(Mutex::new(None));
        let seen_by_checksum = seen.clone();
        let result = checksum_in_background(data, move |data| {
            let on_runtime_thread = std::thread::current().id() == runtime_thread;
            // On the runtime's own thread, waiting for the probe task could only
            // time out: there is no need to wait to know.
            let runtime_ran = !on_runtime_thread && probe.runtime_ran_meanwhile();
            *seen_by_checksum.lock().unwrap() =
                Some((on_runtime_thread, runtime_ran));
            fnv1a(data)
        })
        .await;
        let seen = *seen.lock().unwrap();
        (seen, result)
    });
    let (on_runtime_thread, runtime_ran) =
        seen.expect("checksum_in_background returned without calling the checksum");
    assert!(
        !on_runtime_thread,
        "the checksum ran on the runtime's own thread, the one that polls every \
         task: while it computes, no other task can run. Run it on another thread \
         (tokio::spawn does not: it starts a task on the runtime's threads)."
    );
    assert!(
        runtime_ran,
        "the checksum ran on another thread, but the runtime's thread was blocked \
         meanwhile: a task spawned beside it waited {:?} for its turn in vain. \
         Waiting for the thread by blocking (JoinHandle::join of a std::thread, a \
         std channel's recv, futures::executor::block_on) stops the other tasks \
         too: await the result instead.",
        BlockingProbe::PATIENCE
    );
    assert!(
        matches!(result, Ok(sum) if sum == expected),
        "the other tasks kept running, but the result is {result:?}, not \
         Ok({expected})"
    );
}

#[test]
fn waits_for_the_checksum_without_polling_in_a_loop() {
    // A first poll that starts the work, one when the result is ready, and one to
    // spare.
    const MOST_POLLS: usize = 3;
    let data = upload();
    let expected = fnv1a(&data);
    let (result, polls) = run_paused(|| async move {
        let counter: Arc<OnceLock<PollCounter>> = Arc::default();
        let counter_for_checksum = counter.clone();
        let (answer, polls) =
            count_polls(checksum_in_background(data, move |data| {
                // The checksum takes a while, at most 200 ms; an answer that polls
                // itself in a loop gives itself away sooner.
                let polls = counter_for_checksum
                    .get()
                    .expect("set before the first poll");
                let give_up = Instant::now() + Duration::from_millis(200);
                while polls.get() <= 10 * MOST_POLLS && Instant::now() < give_up {
                    std::thread::sleep(Duration::from_millis(1));
                }
                fnv1a(data)
            }));
        counter.set(polls.clone()).expect("set once");
        (answer.await, polls.get())
    });
    assert!(
        polls <= MOST_POLLS,
        "checksum_in_background was polled {polls} times while the checksum ran; a \
         future that waits for its result to be ready is polled at most \
         {MOST_POLLS} times. It is asking again and again whether the work is done \
         (is_finished with yield_now, or a short sleep, in a loop): await something \
         that wakes it when the result is ready instead, such as spawn_blocking's \
         JoinHandle or a tokio oneshot channel."
    );
    assert!(
        matches!(result, Ok(sum) if sum == expected),
        "the result is {result:?}, not Ok({expected})"
    );
}

#[test]
fn a_crashing_checksum_is_an_error_not_a_crash_or_a_zero() {
    let outcome = run_paused(|| async {
        // In a task of its own, so that a panic in checksum_in_background comes back
        // here as a JoinError instead of ending the check.
        tokio::spawn(checksum_in_background(vec![0xde, 0xad], |_| {
            panic!("corrupt block (this panic is part of the check)")
        }))
        .await
    });
    match outcome {
        Ok(Err(ChecksumCrashed)) => {}
        Ok(Ok(sum)) => panic!(
            "the checksum panicked, yet checksum_in_background returned Ok({sum}): \
             a crash is not a checksum. Return Err(ChecksumCrashed)."
        ),
        Err(_) => panic!(
            "checksum_in_background panicked when the checksum did (its panic is \
             above): the error that comes back from the checksum's thread must \
             become Err(ChecksumCrashed), not be unwrapped"
        ),
    }
}
