use checksum_off_the_runtime::{ChecksumCrashed, checksum_in_background};
use course_testkit::{BlockingProbe, run_paused};

/// A real (if simple) checksum: FNV-1a.
fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn returns_the_checksum() {
    let result =
        run_paused(|| checksum_in_background(b"hello, tokio".to_vec(), fnv1a));
    assert_eq!(result, Ok(fnv1a(b"hello, tokio")));
}

#[test]
fn other_tasks_keep_running_while_the_checksum_runs() {
    let runtime_was_free = run_paused(|| async {
        // The check runs on a single-threaded runtime, like asyncio's event loop.
        let probe = BlockingProbe::start();
        checksum_in_background(vec![1, 2, 3], move |data| {
            let free = probe.runtime_ran_meanwhile();
            if free { fnv1a(data) } else { 0 }
        })
        .await
    });
    assert_ne!(
        runtime_was_free,
        Ok(0),
        "while the checksum ran, no other task could run: it ran on the runtime's only thread \
         for {:?}. Run it where it cannot block the runtime.",
        BlockingProbe::PATIENCE
    );
    assert_eq!(runtime_was_free, Ok(fnv1a(&[1, 2, 3])));
}

#[test]
fn a_crashing_checksum_is_an_error_not_a_crash_or_a_zero() {
    let outcome = run_paused(|| async {
        tokio::spawn(checksum_in_background(vec![0xde, 0xad], |_| {
            panic!("corrupt block (this panic is part of the check)")
        }))
        .await
    });
    match outcome {
        Ok(result) => assert_eq!(
            result,
            Err(ChecksumCrashed),
            "a panicking checksum must come back as Err(ChecksumCrashed)"
        ),
        Err(_) => panic!(
            "checksum_in_background panicked when the checksum did: catch the failure and \
             return Err(ChecksumCrashed) instead"
        ),
    }
}
