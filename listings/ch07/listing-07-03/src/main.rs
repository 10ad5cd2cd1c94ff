//! Listing 7-3: `block_in_place` runs CPU work on the worker thread itself, after
//! handing the worker's other tasks to a new thread. It needs a multi-thread
//! runtime: on a `current_thread` runtime there is no other thread to hand them to,
//! and it panics.

use std::any::Any;

/// CPU work: a checksum of an upload (FNV-1a, 64 bits).
fn checksum(upload: &[u8]) -> u64 {
    upload.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

// ANCHOR: in_place
/// Computes the checksum right here, on this task's worker thread. The worker's
/// queue of other tasks moves to a fresh thread first, so they keep running.
async fn checksum_in_place(upload: Vec<u8>) -> u64 {
    tokio::task::block_in_place(|| checksum(&upload))
}
// ANCHOR_END: in_place

fn upload() -> Vec<u8> {
    (0..1_000_000u32).map(|i| (i % 251) as u8).collect()
}

fn panic_message(panic: &(dyn Any + Send)) -> &str {
    panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(not a text)")
}

// ANCHOR: main
fn main() {
    let multi_thread = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .expect("a runtime with two workers");
    let sum = multi_thread.block_on(async {
        tokio::spawn(checksum_in_place(upload())).await.unwrap()
    });
    println!("multi_thread:   checksum {sum:016x}");

    let current_thread = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime on this thread");
    // Print the panic's message ourselves, on standard output, without a backtrace.
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(|| {
        current_thread.block_on(checksum_in_place(upload()))
    });
    match outcome {
        Ok(sum) => println!("current_thread: checksum {sum:016x}"),
        Err(panic) => {
            println!("current_thread: panicked: {}", panic_message(&*panic))
        }
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use course_testkit::catching_panics;

    // ANCHOR: test
    /// `#[tokio::test]` starts a current_thread runtime unless told otherwise: code
    /// that calls block_in_place passes in production and panics in its tests.
    #[tokio::test]
    async fn block_in_place_panics_in_a_default_tokio_test() {
        let outcome = catching_panics(checksum_in_place(upload())).await;
        let message = outcome.unwrap_err();
        assert!(message.contains("only when running on the multi-threaded runtime"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn block_in_place_works_on_a_multi_thread_runtime() {
        let sum = checksum_in_place(b"hello".to_vec()).await;
        assert_eq!(sum, checksum(b"hello"));
    }
    // ANCHOR_END: test
}
